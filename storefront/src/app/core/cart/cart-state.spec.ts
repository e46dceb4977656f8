import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { SessionStore } from '@shop/web';
import { VIP_USER, tokensFor } from '../auth/test-tokens';
import type { CartProduct } from './cart-changes';
import { CART_CHANGE_TIMEOUT_MS, CART_RETRY_DELAYS_MS, CartState } from './cart-state';
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

  const shade: CartProduct = {
    id: 'p-3',
    name: 'Lamp shade',
    imageUrl: '/assets/products/p-3.svg',
    price: { amountMinor: 500, currency: 'USD' },
    available: 4,
  };
  const lamp: CartProduct = {
    id: 'p-1',
    name: 'Desk lamp',
    imageUrl: '/assets/products/p-1.svg',
    price: { amountMinor: 1500, currency: 'USD' },
    available: 5,
  };
  const chair = () => cartItem({ productId: 'p-2', name: 'Chair', quantity: 1 });
  const outOfStock = (details: Record<string, unknown>) =>
    [
      { statusCode: 409, code: 'OUT_OF_STOCK', message: 'Not enough stock', details },
      { status: 409, statusText: 'Conflict' },
    ] as const;
  const nextAdd = () => backend.expectOne({ method: 'POST', url: '/api/cart/items' });
  const ids = () => cart.items().map((i) => `${i.productId}×${i.quantity}`);

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    cart = TestBed.inject(CartState);
    TestBed.inject(SessionStore).signIn(tokensFor(VIP_USER));
    TestBed.tick();
    backend.expectOne('/api/cart').flush(cartOf([cartItem(), chair()]));
  });

  afterEach(() => backend.verify());

  it('shows an added product at once, marked pending, before the server answers', () => {
    cart.add(shade, 2);
    expect(ids()).toEqual(['p-1×2', 'p-2×1', 'p-3×2']);
    expect(cart.count()).toBe(5);
    expect(cart.items()[2].lineTotal.amountMinor).toBe(1000);
    expect(cart.items()[2].available).toBe(2);
    expect(cart.cart()?.total.amountMinor).toBe(5500);
    expect(cart.pending().has('p-3')).toBe(true);
    expect(cart.changing()).toBe(true);
    const post = nextAdd();
    expect(post.request.body).toEqual({ productId: 'p-3', quantity: 2 });
    expect(post.request.keepalive).toBe(true);
    post.flush(
      cartOf([cartItem(), chair(), cartItem({ productId: 'p-3', name: 'Lamp shade', quantity: 2 })]),
    );
  });

  it("replaces the optimistic cart with the server's answer and confirms the hold", () => {
    cart.add(shade, 2);
    const reservedUntil = new Date(Date.now() + 15 * 60_000).toISOString();
    nextAdd().flush(
      cartOf([
        cartItem(),
        chair(),
        cartItem({
          productId: 'p-3',
          name: 'Lamp shade',
          quantity: 2,
          unitPrice: { amountMinor: 450, currency: 'USD' },
          available: 7,
          reservedUntil,
        }),
      ]),
    );
    expect(cart.items()[2]).toMatchObject({ unitPrice: { amountMinor: 450 }, available: 7, reservedUntil });
    expect(cart.cart()?.total.amountMinor).toBe(5400);
    expect(cart.pending().size).toBe(0);
    expect(cart.changing()).toBe(false);
    expect(cart.problem()).toBeUndefined();
    expect(cart.notice()?.message).toBe('2 × Lamp shade added to your cart, held for you for 15 minutes.');
  });

  it('rolls back only a refused add, keeping a change made meanwhile, and says which product and why', () => {
    cart.add(shade, 2);
    cart.setQuantity('p-2', 3);
    expect(ids()).toEqual(['p-1×2', 'p-2×3', 'p-3×2']);
    // One change at a time, in order: the quantity waits for the add's answer.
    backend.expectNone({ method: 'PATCH', url: '/api/cart/items/p-2' });
    nextAdd().flush(...outOfStock({ productId: 'p-3', available: 1, maxQuantity: 1 }));
    expect(ids()).toEqual(['p-1×2', 'p-2×3']);
    expect(cart.pending().has('p-3')).toBe(false);
    expect(cart.pending().has('p-2')).toBe(true);
    expect(cart.problem()).toMatchObject({
      productId: 'p-3',
      message: 'Could not add 2 × Lamp shade: only 1 left.',
    });
    const patch = backend.expectOne({ method: 'PATCH', url: '/api/cart/items/p-2' });
    expect(patch.request.body).toEqual({ quantity: 3 });
    patch.flush(cartOf([cartItem(), cartItem({ productId: 'p-2', name: 'Chair', quantity: 3 })]));
    expect(ids()).toEqual(['p-1×2', 'p-2×3']);
    expect(cart.changing()).toBe(false);
    expect(cart.problems()).toHaveLength(1);
  });

  it('keeps the first of two quick adds when the second is refused', () => {
    cart.add(lamp, 1);
    cart.add(lamp, 1);
    expect(ids()).toEqual(['p-1×4', 'p-2×1']);
    const first = nextAdd();
    expect(first.request.body).toEqual({ productId: 'p-1', quantity: 1 });
    first.flush(cartOf([cartItem({ quantity: 3 }), chair()]));
    // The server's 3 plus the add still pending.
    expect(ids()).toEqual(['p-1×4', 'p-2×1']);
    nextAdd().flush(...outOfStock({ productId: 'p-1', available: 0, maxQuantity: 3 }));
    expect(ids()).toEqual(['p-1×3', 'p-2×1']);
    expect(cart.count()).toBe(4);
    expect(cart.cart()?.total.amountMinor).toBe(6000);
    expect(cart.problem()?.message).toBe('Could not add Desk lamp: only 3 left.');
    expect(cart.changing()).toBe(false);
  });

  it('keeps an add the network lost, sends it again with the same key, and reads the cart afterwards', () => {
    vi.useFakeTimers();
    try {
      cart.add(shade, 1);
      const first = nextAdd();
      const key = first.request.headers.get('Idempotency-Key');
      first.error(new ProgressEvent('error'), { status: 0, statusText: '' });
      // Nothing rolled back, nothing refused: the change waits for the shop.
      expect(ids()).toEqual(['p-1×2', 'p-2×1', 'p-3×1']);
      expect(cart.problem()).toBeUndefined();
      expect(cart.waiting()).toBe(true);
      vi.advanceTimersByTime(CART_RETRY_DELAYS_MS[0]);
      const again = nextAdd();
      expect(again.request.headers.get('Idempotency-Key')).toBe(key);
      again.flush(
        cartOf([cartItem(), chair(), cartItem({ productId: 'p-3', name: 'Lamp shade', quantity: 1 })]),
      );
      expect(cart.waiting()).toBe(false);
      // The server's view once the queue is sent: what others did meanwhile shows.
      backend
        .expectOne({ method: 'GET', url: '/api/cart' })
        .flush(
          cartOf([cartItem(), chair(), cartItem({ productId: 'p-3', name: 'Lamp shade', quantity: 1 })]),
        );
      expect(ids()).toEqual(['p-1×2', 'p-2×1', 'p-3×1']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives up on a change that gets no answer in time and rolls it back', () => {
    vi.useFakeTimers();
    try {
      cart.add(shade, 1);
      expect(cart.count()).toBe(4);
      vi.advanceTimersByTime(CART_CHANGE_TIMEOUT_MS + 1);
      expect(backend.match({ method: 'POST', url: '/api/cart/items' })[0].cancelled).toBe(true);
      expect(ids()).toEqual(['p-1×2', 'p-2×1']);
      expect(cart.problem()?.message).toBe(
        'Could not add Lamp shade: the shop did not answer in time, try again in a moment.',
      );
      backend.expectOne({ method: 'GET', url: '/api/cart' }).flush(cartOf([cartItem(), chair()]));
    } finally {
      vi.useRealTimers();
    }
  });

  it('explains a validation refusal with the server reason', () => {
    cart.add(lamp, 98);
    nextAdd().flush(
      {
        statusCode: 400,
        code: 'BAD_REQUEST',
        message: 'A cart holds at most 99 units of a product (you have 2)',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    expect(ids()).toEqual(['p-1×2', 'p-2×1']);
    expect(cart.problem()?.message).toBe(
      'Could not add 98 × Desk lamp: a cart holds at most 99 units of a product (you have 2).',
    );
  });

  it('shows a new quantity at once and takes the server cart when it agrees', () => {
    cart.setQuantity('p-1', 3);
    expect(cart.items()[0].quantity).toBe(3);
    expect(cart.items()[0].lineTotal.amountMinor).toBe(4500);
    expect(cart.cart()?.total.amountMinor).toBe(6000);
    expect(cart.pending().has('p-1')).toBe(true);
    const patch = backend.expectOne({ method: 'PATCH', url: '/api/cart/items/p-1' });
    expect(patch.request.body).toEqual({ quantity: 3 });
    patch.flush(cartOf([cartItem({ quantity: 3, available: 4 }), chair()]));
    expect(cart.items()[0].available).toBe(4);
    expect(cart.pending().size).toBe(0);
    expect(cart.notice()?.message).toBe('Desk lamp: 3 in your cart.');
  });

  it('puts the line back and says how many are left when the server answers 409', () => {
    cart.setQuantity('p-1', 9);
    backend
      .expectOne({ method: 'PATCH', url: '/api/cart/items/p-1' })
      .flush(...outOfStock({ available: 1, maxQuantity: 3 }));
    expect(cart.items()[0].quantity).toBe(2);
    expect(cart.cart()?.total.amountMinor).toBe(4500);
    expect(cart.problem()).toMatchObject({
      productId: 'p-1',
      message: 'Could not change Desk lamp to 9: only 3 left.',
    });
  });

  it('removes a line at once and restores it in place when the shop is busy', () => {
    cart.remove('p-1');
    expect(ids()).toEqual(['p-2×1']);
    expect(cart.count()).toBe(1);
    backend
      .expectOne({ method: 'DELETE', url: '/api/cart/items/p-1' })
      .flush(
        { statusCode: 503, code: 'BUSY', message: 'High traffic, try again' },
        { status: 503, statusText: 'Service Unavailable', headers: { 'Retry-After': '5' } },
      );
    expect(ids()).toEqual(['p-1×2', 'p-2×1']);
    expect(cart.problem()?.message).toBe(
      'Could not remove Desk lamp: the shop is busy, try again in 5 seconds.',
    );
    backend.expectOne({ method: 'GET', url: '/api/cart' }).flush(cartOf([cartItem(), chair()]));
  });

  it('says when a hold conflicts with another change', () => {
    cart.setQuantity('p-2', 2);
    backend
      .expectOne({ method: 'PATCH', url: '/api/cart/items/p-2' })
      .flush(
        { statusCode: 409, code: 'CONFLICT', message: 'Hold in use' },
        { status: 409, statusText: 'Conflict' },
      );
    expect(ids()).toEqual(['p-1×2', 'p-2×1']);
    expect(cart.problem()?.message).toBe(
      'Could not change Chair to 2: another change to its hold is under way, try again in a moment.',
    );
  });

  it('reads the cart only once the pending changes are answered', () => {
    cart.add(shade, 1);
    cart.reload();
    backend.expectNone({ method: 'GET', url: '/api/cart' });
    nextAdd().flush(
      cartOf([cartItem(), chair(), cartItem({ productId: 'p-3', name: 'Lamp shade', quantity: 1 })]),
    );
    backend
      .expectOne({ method: 'GET', url: '/api/cart' })
      .flush(cartOf([cartItem(), chair(), cartItem({ productId: 'p-3', name: 'Lamp shade', quantity: 1 })]));
    expect(ids()).toEqual(['p-1×2', 'p-2×1', 'p-3×1']);
  });

  it('drops pending changes on sign-out', () => {
    cart.add(shade, 1);
    const post = nextAdd();
    TestBed.inject(SessionStore).signOut();
    TestBed.tick();
    expect(post.cancelled).toBe(true);
    expect(cart.count()).toBe(0);
    expect(cart.changing()).toBe(false);
  });
});
