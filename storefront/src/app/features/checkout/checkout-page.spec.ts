import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Router, provideRouter } from '@angular/router';
import { SIMULATED_TEST_CARDS } from '@shop/contracts';
import { SessionStore } from '@shop/web';
import { VIP_USER, tokensFor } from '../../core/auth/test-tokens';
import { cartItem, cartOf } from '../../core/cart/test-cart';
import { breakdown, quoteOf, summary } from '../../core/pricing/test-pricing';
import { IDEMPOTENCY_KEY_FACTORY } from './checkout-state';
import { CheckoutPage } from './checkout-page';

describe('CheckoutPage', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: IDEMPOTENCY_KEY_FACTORY, useValue: () => 'attempt-1234' },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(SessionStore).signIn(tokensFor(VIP_USER));
  });

  async function render() {
    const fixture = TestBed.createComponent(CheckoutPage);
    await fixture.whenStable();
    backend.expectOne('/api/cart').flush(cartOf([cartItem()]));
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  function clickPlace(el: HTMLElement): void {
    (el.querySelector('button.place') as HTMLButtonElement).click();
  }

  it('lists the simulated test cards and fills the chosen one', async () => {
    const { fixture, el } = await render();
    const chips = Array.from(el.querySelectorAll('.card-chip'));
    expect(chips.map((c) => c.textContent?.trim())).toContain(`${SIMULATED_TEST_CARDS.decline} Declined`);
    expect(el.textContent).toContain('simulated provider');
    (chips.find((c) => c.textContent?.includes('Declined')) as HTMLButtonElement).click();
    await fixture.whenStable();
    expect((el.querySelector('input[formControlName=cardNumber]') as HTMLInputElement).value).toBe(
      SIMULATED_TEST_CARDS.decline,
    );
  });

  it('orders the cart with the attempt key and opens the order when it is confirmed', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const { fixture, el } = await render();
    clickPlace(el);
    const post = backend.expectOne({ method: 'POST', url: '/api/orders' });
    expect(post.request.headers.get('Idempotency-Key')).toBe('attempt-1234');
    expect(post.request.body).toEqual({
      cardNumber: SIMULATED_TEST_CARDS.approve,
      destinationCountry: 'US',
      shippingMethod: 'standard',
    });
    post.flush({ id: 'o-1', status: 'PENDING' });
    await fixture.whenStable();
    backend.expectOne('/api/cart').flush(cartOf([]));
    expect(navigate).toHaveBeenCalledWith(['/orders', 'o-1'], { queryParams: { placed: 1 } });
  });

  it('explains an out-of-stock failure and points to the cart', async () => {
    const { fixture, el } = await render();
    clickPlace(el);
    backend.expectOne({ method: 'POST', url: '/api/orders' }).flush(
      {
        statusCode: 409,
        code: 'OUT_OF_STOCK',
        message: 'Desk lamp: only 1 left',
        details: { orderId: 'o-2' },
      },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    backend.expectOne('/api/cart').flush(cartOf([cartItem({ available: 0 })]));
    await fixture.whenStable();
    const alert = el.querySelector('[role=alert]')?.textContent ?? '';
    expect(alert).toContain('Some items are no longer in stock');
    expect(alert).toContain('Desk lamp: only 1 left');
    expect(alert).toContain('Review your cart');
  });

  it('shows a 503 with its Retry-After countdown and keeps the button disabled meanwhile', async () => {
    const { fixture, el } = await render();
    clickPlace(el);
    backend
      .expectOne({ method: 'POST', url: '/api/orders' })
      .flush(
        { statusCode: 503, code: 'BUSY', message: 'High traffic, try again' },
        { status: 503, statusText: 'Service Unavailable', headers: { 'Retry-After': '4' } },
      );
    await fixture.whenStable();
    backend.expectOne('/api/cart').flush(cartOf([cartItem()]));
    await fixture.whenStable();
    expect(el.textContent).toContain('The shop is very busy right now');
    expect(el.querySelector('[data-testid=retry-countdown]')?.textContent).toContain('try again in 4 s');
    expect((el.querySelector('button.place') as HTMLButtonElement).disabled).toBe(true);
    fixture.destroy();
  });

  it('shows what the order will be charged and sends the chosen destination, shipping and address', async () => {
    const { fixture, el } = await render();
    backend.expectOne('/api/pricing').flush(summary());
    backend.match((r) => r.url === '/api/pricing/quote').forEach((r) => r.flush(quoteOf()));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=shipping-standard]')?.parentElement?.textContent).toContain(
      'Standard · $4.99, free from $50.00',
    );
    const country = el.querySelector('[data-testid=country]') as HTMLSelectElement;
    country.value = 'DE';
    country.dispatchEvent(new Event('change'));
    (el.querySelector('[data-testid=shipping-express]') as HTMLInputElement).click();
    await fixture.whenStable();
    const quote = backend.match((r) => r.url === '/api/pricing/quote').at(-1)!;
    expect(quote.request.params.get('destinationCountry')).toBe('DE');
    quote.flush(
      quoteOf(
        breakdown({
          shippingMethod: 'express',
          shipping: { amountMinor: 1499, currency: 'USD' },
          total: { amountMinor: 4712, currency: 'USD' },
        }),
      ),
    );
    await fixture.whenStable();
    const rows = Array.from(el.querySelectorAll('.summary dl div')).map((row) =>
      Array.from(row.children)
        .map((cell) => cell.textContent?.trim())
        .join(' '),
    );
    expect(rows).toEqual([
      'Subtotal $30.00',
      'VIP discount (10 %) −$3.00',
      'Express shipping $14.99',
      'Tax (19 %, Germany) $5.13',
      'Total $47.12',
    ]);

    const fill = (name: string, value: string) => {
      const input = el.querySelector(`input[formControlName=${name}]`) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    fill('name', 'Vera Ip');
    fill('line1', '1 Hauptstraße');
    fill('city', 'Berlin');
    fill('postalCode', '10115');
    clickPlace(el);
    const post = backend.expectOne({ method: 'POST', url: '/api/orders' });
    expect(post.request.body).toEqual({
      cardNumber: SIMULATED_TEST_CARDS.approve,
      destinationCountry: 'DE',
      shippingMethod: 'express',
      shippingAddress: {
        name: 'Vera Ip',
        line1: '1 Hauptstraße',
        city: 'Berlin',
        postalCode: '10115',
        country: 'DE',
      },
    });
  });
});
