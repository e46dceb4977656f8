import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { SessionStore } from '@shop/web';
import { VIP_USER, tokensFor } from '../auth/test-tokens';
import { CartState } from './cart-state';
import { cartItem, cartOf } from './test-cart';

describe('CartState', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('asks for no cart while the shopper is a guest', () => {
    const cart = TestBed.inject(CartState);
    TestBed.tick();
    expect(cart.count()).toBe(0);
    backend.expectNone('/api/cart');
  });

  it('counts the items of the signed-in shopper and forgets them on sign-out', () => {
    const cart = TestBed.inject(CartState);
    const session = TestBed.inject(SessionStore);
    session.signIn(tokensFor(VIP_USER));
    TestBed.tick();
    backend.expectOne('/api/cart').flush({
      items: [
        { productId: 'a', quantity: 2 },
        { productId: 'b', quantity: 3 },
      ],
    });
    expect(cart.count()).toBe(5);
    session.signOut();
    TestBed.tick();
    expect(cart.count()).toBe(0);
  });

  it('shows 0 and marks the cart unavailable while the cart route does not exist', () => {
    const cart = TestBed.inject(CartState);
    TestBed.inject(SessionStore).signIn(tokensFor(VIP_USER));
    TestBed.tick();
    backend
      .expectOne('/api/cart')
      .flush(
        { code: 'NOT_FOUND', message: 'Cannot GET /api/cart' },
        { status: 404, statusText: 'Not Found' },
      );
    expect(cart.count()).toBe(0);
    expect(cart.available()).toBe(false);
  });
});

describe('CartState changes', () => {
  let backend: HttpTestingController;
  let cart: CartState;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    cart = TestBed.inject(CartState);
    TestBed.inject(SessionStore).signIn(tokensFor(VIP_USER));
    TestBed.tick();
    backend
      .expectOne('/api/cart')
      .flush(cartOf([cartItem(), cartItem({ productId: 'p-2', name: 'Chair', quantity: 1 })]));
  });

  afterEach(() => backend.verify());

  it('shows a new quantity at once and takes the server cart when it agrees', () => {
    cart.setQuantity('p-1', 3);
    expect(cart.items()[0].quantity).toBe(3);
    expect(cart.items()[0].lineTotal.amountMinor).toBe(4500);
    expect(cart.cart()?.total.amountMinor).toBe(6000);
    expect(cart.pending().has('p-1')).toBe(true);
    const patch = backend.expectOne({ method: 'PATCH', url: '/api/cart/items/p-1' });
    expect(patch.request.body).toEqual({ quantity: 3 });
    patch.flush(
      cartOf([cartItem({ quantity: 3, available: 4 }), cartItem({ productId: 'p-2', quantity: 1 })]),
    );
    expect(cart.items()[0].available).toBe(4);
    expect(cart.pending().size).toBe(0);
  });

  it('puts the line back and says how many can be held when the server answers 409', () => {
    cart.setQuantity('p-1', 9);
    backend.expectOne({ method: 'PATCH', url: '/api/cart/items/p-1' }).flush(
      {
        statusCode: 409,
        code: 'OUT_OF_STOCK',
        message: 'Not enough stock',
        details: { available: 1, maxQuantity: 3 },
      },
      { status: 409, statusText: 'Conflict' },
    );
    expect(cart.items()[0].quantity).toBe(2);
    expect(cart.cart()?.total.amountMinor).toBe(4500);
    expect(cart.problem()).toEqual({
      productId: 'p-1',
      message: 'Only 3 of Desk lamp can be held for you right now.',
    });
  });

  it('removes a line at once and restores it when the removal fails', () => {
    cart.remove('p-2');
    expect(cart.items().map((i) => i.productId)).toEqual(['p-1']);
    expect(cart.count()).toBe(2);
    backend
      .expectOne({ method: 'DELETE', url: '/api/cart/items/p-2' })
      .flush(
        { statusCode: 503, code: 'UNAVAILABLE', message: 'No cart instance answered' },
        { status: 503, statusText: 'Unavailable' },
      );
    expect(cart.items().map((i) => i.productId)).toEqual(['p-1', 'p-2']);
    expect(cart.problem()?.message).toBe('No cart instance answered');
  });
});
