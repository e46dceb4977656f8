import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { SessionStore } from '../auth/session-store';
import { VIP_USER, tokensFor } from '../auth/test-tokens';
import { CartState } from './cart-state';

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
