import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { SessionStore } from '@shop/web';
import { VIP_USER, tokensFor } from '../auth/test-tokens';
import type { CartProduct } from './cart-changes';
import { CartMessages } from './cart-messages';
import { CartState } from './cart-state';
import { readStoredCart } from './offline-queue';
import { cartItem, cartOf } from './test-cart';

const shade: CartProduct = {
  id: 'p-3',
  name: 'Lamp shade',
  imageUrl: '/assets/products/p-3.svg',
  price: { amountMinor: 500, currency: 'USD' },
  available: 4,
};
const chair = () => cartItem({ productId: 'p-2', name: 'Chair', quantity: 1 });
const shadeLine = (quantity: number, amountMinor = 500) =>
  cartItem({ productId: 'p-3', name: 'Lamp shade', quantity, unitPrice: { amountMinor, currency: 'USD' } });

function goOffline(): void {
  window.dispatchEvent(new Event('offline'));
  TestBed.tick();
}

function goOnline(): void {
  window.dispatchEvent(new Event('online'));
  TestBed.tick();
}

/** A page load: a fresh app (new services) on the same localStorage, the shopper still signed in. */
function startApp(): { backend: HttpTestingController; cart: CartState } {
  TestBed.resetTestingModule();
  TestBed.configureTestingModule({
    providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting()],
  });
  const backend = TestBed.inject(HttpTestingController);
  const cart = TestBed.inject(CartState);
  TestBed.tick();
  return { backend, cart };
}

describe('CartState offline', () => {
  let backend: HttpTestingController;
  let cart: CartState;
  const ids = () => cart.items().map((i) => `${i.productId}×${i.quantity}`);

  beforeEach(() => {
    localStorage.clear();
    ({ backend, cart } = startApp());
    TestBed.inject(SessionStore).signIn(tokensFor(VIP_USER));
    TestBed.tick();
    backend.expectOne('/api/cart').flush(cartOf([cartItem(), chair()]));
  });

  afterEach(() => {
    backend.verify();
    window.dispatchEvent(new Event('online'));
  });

  it('keeps changes made offline on the device, shown as pending, and sends none of them', () => {
    goOffline();
    cart.add(shade, 2);
    cart.setQuantity('p-1', 3);
    cart.remove('p-2');

    expect(ids()).toEqual(['p-1×3', 'p-3×2']);
    expect(cart.pending()).toEqual(new Set(['p-1', 'p-2', 'p-3']));
    expect(cart.waiting()).toBe(true);
    backend.expectNone(() => true);
    const stored = readStoredCart(VIP_USER.id);
    expect(stored.changes.map((c) => c.change.kind)).toEqual(['add', 'set', 'remove']);
    expect(new Set(stored.changes.map((c) => c.key)).size).toBe(3);
    expect(stored.cart?.items.map((i) => i.productId)).toEqual(['p-1', 'p-2']);
  });

  it('sends them in order, one at a time, each with its own key, when the connection returns', () => {
    goOffline();
    cart.add(shade, 2);
    cart.setQuantity('p-1', 3);
    cart.remove('p-2');
    const keys = readStoredCart(VIP_USER.id).changes.map((c) => c.key);
    goOnline();

    const add = backend.expectOne({ method: 'POST', url: '/api/cart/items' });
    expect(add.request.headers.get('Idempotency-Key')).toBe(keys[0]);
    backend.expectNone({ method: 'PATCH', url: '/api/cart/items/p-1' });
    add.flush(cartOf([cartItem(), chair(), shadeLine(2)]));

    const set = backend.expectOne({ method: 'PATCH', url: '/api/cart/items/p-1' });
    expect(set.request.headers.get('Idempotency-Key')).toBe(keys[1]);
    set.flush(cartOf([cartItem({ quantity: 3 }), chair(), shadeLine(2)]));

    const remove = backend.expectOne({ method: 'DELETE', url: '/api/cart/items/p-2' });
    expect(remove.request.headers.get('Idempotency-Key')).toBe(keys[2]);
    remove.flush(cartOf([cartItem({ quantity: 3 }), shadeLine(2)]));

    // Synced: the server's cart is read again, and nothing is left on the device to send.
    backend
      .expectOne({ method: 'GET', url: '/api/cart' })
      .flush(cartOf([cartItem({ quantity: 3 }), shadeLine(2)]));
    expect(ids()).toEqual(['p-1×3', 'p-3×2']);
    expect(cart.changing()).toBe(false);
    expect(cart.waiting()).toBe(false);
    expect(readStoredCart(VIP_USER.id).changes).toEqual([]);
  });

  it('sends the kept changes with their keys after a reload, so a change the server already applied is not doubled', () => {
    goOffline();
    cart.add(shade, 1);
    const [kept] = readStoredCart(VIP_USER.id).changes;

    ({ backend, cart } = startApp());
    // The kept change shows on the last answered cart before anything is answered.
    expect(ids()).toEqual(['p-1×2', 'p-2×1', 'p-3×1']);
    expect(cart.pending().has('p-3')).toBe(true);
    const replay = backend.expectOne({ method: 'POST', url: '/api/cart/items' });
    expect(replay.request.headers.get('Idempotency-Key')).toBe(kept.key);
    expect(replay.request.body).toEqual({ productId: 'p-3', quantity: 1 });
    replay.flush(cartOf([cartItem(), chair(), shadeLine(1)]));
    backend.expectOne({ method: 'GET', url: '/api/cart' }).flush(cartOf([cartItem(), chair(), shadeLine(1)]));
    expect(ids()).toEqual(['p-1×2', 'p-2×1', 'p-3×1']);
  });

  it('tells the shopper about a conflict: a kept add refused because the product sold out meanwhile', () => {
    goOffline();
    cart.add(shade, 2);
    goOnline();
    backend
      .expectOne({ method: 'POST', url: '/api/cart/items' })
      .flush(
        { statusCode: 409, code: 'OUT_OF_STOCK', message: 'Not enough stock', details: { maxQuantity: 0 } },
        { status: 409, statusText: 'Conflict' },
      );
    expect(ids()).toEqual(['p-1×2', 'p-2×1']);
    expect(cart.problem()?.message).toBe('Could not add 2 × Lamp shade: it is out of stock.');
    backend.expectOne({ method: 'GET', url: '/api/cart' }).flush(cartOf([cartItem(), chair()]));
  });

  it('tells the shopper about a conflict: a kept add applied at another price', () => {
    goOffline();
    cart.add(shade, 1);
    goOnline();
    backend
      .expectOne({ method: 'POST', url: '/api/cart/items' })
      .flush(cartOf([cartItem(), chair(), shadeLine(1, 650)]));
    expect(cart.problem()).toMatchObject({
      productId: 'p-3',
      message: 'Lamp shade costs $6.50 now (it was $5.00 when you changed your cart).',
    });
    backend
      .expectOne({ method: 'GET', url: '/api/cart' })
      .flush(cartOf([cartItem(), chair(), shadeLine(1, 650)]));
  });

  it('keeps a change whose request failed because the browser went offline, and sends it once back online', () => {
    cart.add(shade, 1);
    const first = backend.expectOne({ method: 'POST', url: '/api/cart/items' });
    const key = first.request.headers.get('Idempotency-Key');
    goOffline();
    first.error(new ProgressEvent('error'), { status: 0, statusText: '' });
    expect(ids()).toEqual(['p-1×2', 'p-2×1', 'p-3×1']);
    expect(cart.problem()).toBeUndefined();
    backend.expectNone({ method: 'POST', url: '/api/cart/items' });

    goOnline();
    const again = backend.expectOne({ method: 'POST', url: '/api/cart/items' });
    expect(again.request.headers.get('Idempotency-Key')).toBe(key);
    again.flush(cartOf([cartItem(), chair(), shadeLine(1)]));
    backend.expectOne({ method: 'GET', url: '/api/cart' }).flush(cartOf([cartItem(), chair(), shadeLine(1)]));
    expect(cart.changing()).toBe(false);
  });

  it('says how many changes wait while offline', async () => {
    const fixture = TestBed.createComponent(CartMessages);
    await fixture.whenStable();
    const status = () =>
      (fixture.nativeElement as HTMLElement).querySelector('[role=status]')?.textContent?.trim();
    expect(status()).toBe('');
    goOffline();
    cart.add(shade, 1);
    cart.setQuantity('p-1', 4);
    await fixture.whenStable();
    expect(status()).toBe(
      'You are offline: 2 cart changes are kept on this device and sent when the connection returns.',
    );
  });

  it('keeps the unsent changes, not the cart, on the device when the shopper signs out', () => {
    goOffline();
    cart.add(shade, 1);
    TestBed.inject(SessionStore).signOut();
    TestBed.tick();
    expect(cart.count()).toBe(0);
    const stored = readStoredCart(VIP_USER.id);
    expect(stored.changes.map((c) => c.change.productId)).toEqual(['p-3']);
    expect(stored.cart).toBeUndefined();
  });
});
