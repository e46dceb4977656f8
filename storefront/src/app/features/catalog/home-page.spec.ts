import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import type { ProductDto, ProductPage } from '@shop/contracts';
import { SessionStore } from '@shop/web';
import { VIP_USER, tokensFor } from '../../core/auth/test-tokens';
import { summary } from '../../core/pricing/test-pricing';
import { HomePage } from './home-page';

const lamp: ProductDto = {
  id: 'p-1',
  sku: 'SKU-1',
  name: 'Desk lamp',
  description: 'A lamp',
  category: 'home',
  imageUrl: '/assets/products/p-1.svg',
  price: { amountMinor: 1999, currency: 'USD' },
  available: 20,
  onHand: 20,
  reserved: 0,
  lowStockThreshold: 5,
  version: 1,
  updatedAt: '2026-11-23T22:00:00.000Z',
};

describe('HomePage', () => {
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

  async function render() {
    const fixture = TestBed.createComponent(HomePage);
    await fixture.whenStable();
    backend
      .match((r) => r.url === '/api/products')
      .forEach((r) => r.flush({ items: [lamp], page: 1, pageSize: 8, total: 1 } as unknown as ProductPage));
    backend.match((r) => r.url === '/api/categories').forEach((r) => r.flush([]));
    for (const r of backend.match('/api/cart')) r.flush({ items: [] });
    await fixture.whenStable();
    backend.match('/api/pricing').forEach((r) => r.flush(summary()));
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('greets a guest with guest content and list prices only', async () => {
    const { el } = await render();
    expect(el.querySelector('h1')?.textContent).toContain('Everything you need');
    expect(el.textContent).toContain('Browse as a guest');
    expect(el.querySelector('[data-testid=vip-badge]')).toBeNull();
    expect(el.querySelector('[data-testid=vip-price]')).toBeNull();
    expect(el.querySelector('.product-card .price')?.textContent?.trim()).toBe('$19.99');
    expect(el.querySelector('[data-testid=free-shipping]')?.textContent).toContain('from $50.00');
  });

  it('shows a VIP shopper the VIP badge, the discount and VIP prices beside the list prices', async () => {
    TestBed.inject(SessionStore).signIn(tokensFor(VIP_USER));
    const { el } = await render();
    expect(el.querySelector('h1')?.textContent).toContain('Welcome back');
    expect(el.querySelector('[data-testid=vip-badge]')?.textContent?.trim()).toBe('VIP');
    expect(el.querySelector('[data-testid=vip-perks]')?.textContent?.replace(/\s+/g, ' ')).toContain(
      'Your VIP price: 10 % off every order',
    );
    // 19.99 less 10 % (2.00 rounded) is 17.99.
    expect(el.querySelector('[data-testid=vip-price]')?.textContent).toContain('$17.99');
    expect(el.querySelector('.product-card del')?.textContent).toContain('$19.99');
  });

  it('shows a signed-in shopper who is not VIP no VIP badge or price', async () => {
    TestBed.inject(SessionStore).signIn(
      tokensFor({ ...VIP_USER, id: 'u-2', email: 'shopper@shop.local', tier: 'normal' }),
    );
    const { el } = await render();
    expect(el.querySelector('h1')?.textContent).toContain('Welcome back');
    expect(el.textContent).toContain('shopper@shop.local');
    expect(el.querySelector('[data-testid=vip-badge]')).toBeNull();
    expect(el.querySelector('[data-testid=vip-price]')).toBeNull();
  });
});
