import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { UsersPage } from './users-page';

const SHOPPER = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'shopper@shop.local',
  role: 'customer' as const,
  tier: 'normal' as const,
  createdAt: '2026-11-01T00:00:00.000Z',
};

describe('UsersPage', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  it('lists users and changes a tier', async () => {
    const fixture = TestBed.createComponent(UsersPage);
    await fixture.whenStable();
    backend
      .expectOne((r) => r.url === '/api/users')
      .flush({ items: [SHOPPER], page: 1, pageSize: 20, total: 1 });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const row = el.querySelector('tr[data-user="shopper@shop.local"]')!;
    const button = row.querySelector('button') as HTMLButtonElement;
    expect(button.textContent).toContain('Make VIP');
    button.click();
    const patch = backend.expectOne({ method: 'PATCH', url: `/api/users/${SHOPPER.id}/tier` });
    expect(patch.request.body).toEqual({ tier: 'vip' });
    patch.flush({ ...SHOPPER, tier: 'vip' });
    await fixture.whenStable();
    expect(el.querySelector('.notice')?.textContent).toContain('shopper@shop.local is now VIP');
    expect(row.textContent).toContain('Make normal');
  });
});
