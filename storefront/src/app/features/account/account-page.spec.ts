import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Router, provideRouter } from '@angular/router';
import { SessionStore } from '@shop/web';
import { VIP_USER, tokensFor } from '../../core/auth/test-tokens';
import { AccountPage } from './account-page';

describe('AccountPage', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(SessionStore).signIn(tokensFor(VIP_USER));
  });

  it('shows the signed-in user with the VIP badge and signs out', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(AccountPage);
    await fixture.whenStable();
    backend.expectOne('/api/auth/me').flush(VIP_USER);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.textContent).toContain('vip@shop.local');
    expect(el.querySelector('[data-testid=tier]')?.textContent).toBe('VIP');
    expect(el.textContent).toContain('priority queue');

    (el.querySelector('button.danger') as HTMLButtonElement).click();
    backend.expectOne('/api/auth/logout').flush({ revoked: true });
    expect(TestBed.inject(SessionStore).isSignedIn()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/']);
  });
});
