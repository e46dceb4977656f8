import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import { App } from './app';
import { SessionStore } from '@shop/web';
import { VIP_USER, tokensFor } from './core/auth/test-tokens';

describe('App header', () => {
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
  });

  it('offers sign-in to a guest, with an empty cart', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=cart-count]')?.textContent?.trim()).toBe('0');
    expect(el.textContent).toContain('Sign in');
    expect(el.textContent).not.toContain('Orders');
    backend.expectNone('/api/cart');
  });

  it('names the cart link with its count for screen readers and offers a skip link to the content', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const cart = el.querySelector('a.cart') as HTMLAnchorElement;
    expect(cart.hasAttribute('aria-label')).toBe(false);
    expect(cart.textContent?.replace(/\s+/g, ' ').trim()).toBe('Cart 0 items');
    const skip = el.querySelector('a.skip-link') as HTMLAnchorElement;
    expect(skip.getAttribute('href')).toBe('#content');
    skip.click();
    expect(document.activeElement).toBe(el.querySelector('main#content'));
  });

  it('shows the signed-in VIP, the cart count, and signs out', async () => {
    TestBed.inject(SessionStore).signIn(tokensFor(VIP_USER));
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    backend.expectOne('/api/cart').flush({ items: [{ productId: 'a', quantity: 4 }] });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=cart-count]')?.textContent?.trim()).toBe('4');
    expect(el.textContent).toContain('vip@shop.local');
    expect(el.querySelector('.vip')?.textContent).toBe('VIP');
    expect(el.textContent).toContain('Orders');

    (
      Array.from(el.querySelectorAll('button')).find((b) =>
        b.textContent?.includes('Sign out'),
      ) as HTMLButtonElement
    ).click();
    backend.expectOne('/api/auth/logout').flush({ revoked: true });
    await fixture.whenStable();
    expect(el.textContent).toContain('Sign in');
    expect(el.querySelector('[data-testid=cart-count]')?.textContent?.trim()).toBe('0');
  });
});
