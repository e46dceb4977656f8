import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { SessionStore } from '@shop/web';
import { VIP_USER, tokensFor } from '../auth/test-tokens';
import { CartMessages } from './cart-messages';
import { CartState } from './cart-state';
import { cartItem, cartOf } from './test-cart';

describe('CartMessages', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(SessionStore).signIn(tokensFor(VIP_USER));
  });

  afterEach(() => backend.verify());

  it('keeps both live regions in the page, says a refusal in the alert until dismissed, and a confirmation in the status', async () => {
    const fixture = TestBed.createComponent(CartMessages);
    await fixture.whenStable();
    backend.expectOne('/api/cart').flush(cartOf([cartItem()]));
    const el = fixture.nativeElement as HTMLElement;
    const alert = el.querySelector('[role=alert]') as HTMLElement;
    const status = el.querySelector('[role=status]') as HTMLElement;
    expect(alert.textContent?.trim()).toBe('');
    expect(status.textContent?.trim()).toBe('');

    const cart = TestBed.inject(CartState);
    cart.setQuantity('p-1', 7);
    backend
      .expectOne({ method: 'PATCH', url: '/api/cart/items/p-1' })
      .flush(
        { statusCode: 409, code: 'OUT_OF_STOCK', message: 'Not enough stock', details: { maxQuantity: 2 } },
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')).toBe(alert);
    expect(alert.textContent).toContain('Could not change Desk lamp to 7: only 2 left.');

    cart.setQuantity('p-1', 1);
    backend
      .expectOne({ method: 'PATCH', url: '/api/cart/items/p-1' })
      .flush(cartOf([cartItem({ quantity: 1 })]));
    await fixture.whenStable();
    // A new change of the product replaces its old refusal.
    expect(alert.textContent?.trim()).toBe('');
    expect(status.textContent).toContain('Desk lamp: 1 in your cart.');

    cart.remove('p-1');
    backend
      .expectOne({ method: 'DELETE', url: '/api/cart/items/p-1' })
      .flush(
        { statusCode: 404, code: 'NOT_FOUND', message: 'Product p-1 is not in your cart' },
        { status: 404, statusText: 'Not Found' },
      );
    await fixture.whenStable();
    expect(alert.textContent).toContain('Could not remove Desk lamp: it is no longer in your cart.');
    (alert.querySelector('button') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(alert.textContent?.trim()).toBe('');
  });
});
