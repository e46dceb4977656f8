import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import { EVENT_SOURCE_FACTORY, SessionStore, fakeEventSources } from '@shop/web';
import { VIP_USER, tokensFor } from '../../core/auth/test-tokens';
import { CartState } from '../../core/cart/cart-state';
import { cartItem, cartOf } from '../../core/cart/test-cart';
import { breakdown, quoteOf, summary } from '../../core/pricing/test-pricing';
import { CartPage } from './cart-page';

describe('CartPage', () => {
  let backend: HttpTestingController;
  let sources: ReturnType<typeof fakeEventSources>;

  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    sources = fakeEventSources();
    TestBed.configureTestingModule({
      providers: [
        { provide: EVENT_SOURCE_FACTORY, useValue: sources.factory },
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(SessionStore).signIn(tokensFor(VIP_USER));
  });

  async function render(cart = cartOf([cartItem()])) {
    const fixture = TestBed.createComponent(CartPage);
    await fixture.whenStable();
    for (const req of backend.match('/api/cart')) req.flush(cart);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('lists each line with price, live availability, hold countdown and the total', async () => {
    const { el } = await render(
      cartOf([
        cartItem(),
        cartItem({
          productId: 'p-2',
          name: 'Chair',
          quantity: 1,
          available: 0,
          stale: true,
          reservedUntil: '2020-01-01T00:00:00.000Z',
        }),
      ]),
    );
    const lines = el.querySelectorAll('li.line');
    expect(lines).toHaveLength(2);
    expect(lines[0].textContent).toContain('Desk lamp');
    expect(lines[0].textContent).toContain('5 more available');
    expect(lines[0].textContent).toMatch(/Held for you for (9|10):\d\d/);
    expect(lines[1].textContent).toContain('No more available');
    expect(lines[1].textContent).toContain('stale · checked 12:00:00');
    expect(lines[1].textContent).toContain('Hold expired');
    expect(lines[1].textContent).toContain('Hold again');
    expect(el.querySelector('[data-testid=stale-banner]')).not.toBeNull();
    expect(el.querySelector('[data-testid=items-total]')?.textContent).toContain('$45.00');
  });

  it('changes the quantity at once and shows the refusal after rolling it back', async () => {
    const { fixture, el } = await render();
    (el.querySelector('button[aria-label="One more"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=quantity]')?.textContent?.trim()).toBe('3');
    expect(el.querySelector('li.line')?.classList).toContain('pending');
    expect(el.querySelector('li.line')?.textContent).toContain('Saving…');
    expect(el.querySelector('.summary')?.textContent).toContain('Saving your changes…');
    backend.expectOne({ method: 'PATCH', url: '/api/cart/items/p-1' }).flush(
      {
        statusCode: 409,
        code: 'OUT_OF_STOCK',
        message: 'Not enough stock',
        details: { available: 0, maxQuantity: 2 },
      },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=quantity]')?.textContent?.trim()).toBe('2');
    expect(el.querySelector('li.line')?.classList).not.toContain('pending');
    expect(TestBed.inject(CartState).problem()?.message).toBe(
      'Could not change Desk lamp to 3: only 2 left.',
    );
  });

  it('flags a line whose product sells out while the page is open, from the stock stream', async () => {
    const { fixture, el } = await render(
      cartOf([cartItem(), cartItem({ productId: 'p-2', name: 'Chair', quantity: 1, available: 3 })]),
    );
    expect(sources.opened.map((s) => s.url)).toEqual(['/api/stock/stream?productIds=p-1,p-2']);
    expect(el.querySelector('[data-testid=sold-out]')).toBeNull();

    sources.opened[0].emit('stock', {
      items: [{ productId: 'p-2', available: 0, price: { amountMinor: 1500, currency: 'USD' } }],
    });
    await fixture.whenStable();
    const lines = el.querySelectorAll('li.line');
    expect(lines[0].querySelector('[data-testid=sold-out]')).toBeNull();
    expect(lines[1].querySelector('[data-testid=sold-out]')?.textContent?.trim()).toBe(
      'Sold out: the one held for you stays yours until the hold ends',
    );
    expect(lines[1].textContent).toContain('No more available');
    expect((lines[1].querySelector('button[aria-label="One more"]') as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it('offers the shop when the cart is empty', async () => {
    const { el } = await render(cartOf([]));
    expect(el.textContent).toContain('Your cart is empty');
  });

  it('shows the server price of the cart line by line and asks again for another destination and shipping', async () => {
    const { fixture, el } = await render();
    backend.expectOne('/api/pricing').flush(summary());
    const first = backend.expectOne((r) => r.url === '/api/pricing/quote');
    expect(first.request.params.get('destinationCountry')).toBe('US');
    expect(first.request.params.get('shippingMethod')).toBe('standard');
    first.flush(
      quoteOf(
        breakdown({
          country: 'US',
          taxRate: 0,
          tax: { amountMinor: 0, currency: 'USD' },
          total: { amountMinor: 3000 - 300 + 499, currency: 'USD' },
        }),
      ),
    );
    await fixture.whenStable();
    const text = (id: string) => el.querySelector(`.summary [data-testid=${id}]`)?.textContent?.trim();
    expect(text('discount')).toBe('−$3.00');
    expect(text('shipping')).toBe('$4.99');
    expect(text('total')).toBe('$31.99');

    const country = el.querySelector('[data-testid=country]') as HTMLSelectElement;
    country.value = 'DE';
    country.dispatchEvent(new Event('change'));
    (el.querySelector('[data-testid=shipping-express]') as HTMLInputElement).click();
    await fixture.whenStable();
    const next = backend.match((r) => r.url === '/api/pricing/quote').at(-1)!;
    expect(next.request.params.get('destinationCountry')).toBe('DE');
    expect(next.request.params.get('shippingMethod')).toBe('express');
    // The previous figures stay, marked as pending, until the new quote comes.
    expect(el.querySelector('[data-testid=breakdown]')?.classList).toContain('pending');
    next.flush(
      quoteOf(
        breakdown({
          shippingMethod: 'express',
          shipping: { amountMinor: 1499, currency: 'USD' },
          total: { amountMinor: 3000 - 300 + 1499 + 513, currency: 'USD' },
        }),
      ),
    );
    await fixture.whenStable();
    expect(text('tax')).toBe('$5.13');
    expect(text('shipping')).toBe('$14.99');
    expect(text('total')).toBe('$47.12');
    expect(el.querySelector('[data-testid=breakdown]')?.classList).not.toContain('pending');
  });

  it('asks for no quote while a change of the cart is unanswered', async () => {
    const { fixture, el } = await render();
    for (const r of backend.match((r) => r.url === '/api/pricing/quote')) r.flush(quoteOf());
    (el.querySelector('button[aria-label="One more"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    backend.expectNone((r) => r.url === '/api/pricing/quote');
    backend
      .expectOne({ method: 'PATCH', url: '/api/cart/items/p-1' })
      .flush(cartOf([cartItem({ quantity: 3 })], { updatedAt: '2026-11-23T12:00:05.000Z' }));
    await fixture.whenStable();
    expect(backend.match((r) => r.url === '/api/pricing/quote')).toHaveLength(1);
  });
});
