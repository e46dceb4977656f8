import { TestBed } from '@angular/core/testing';
import { DestroyRef, provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import { DEMO_ACCOUNTS, SIMULATED_TEST_CARDS, type StockLevel } from '@shop/contracts';
import { authInterceptor } from '../../core/auth/auth.interceptor';
import { SessionStore, EVENT_SOURCE_FACTORY, fakeEventSources } from '@shop/web';
import { ADMIN_USER, tokensFor } from '../../core/auth/test-tokens';
import { ORDER_KEY_FACTORY, OrderInterfaceState, RANDOM } from './order-interface-state';
import { adminOrder, queueMetrics } from './test-orders';

const STOCK: StockLevel[] = [
  {
    productId: 'p-1',
    sku: 'A-1',
    name: 'Lamp',
    onHand: 5,
    reserved: 0,
    available: 5,
    lowStockThreshold: 2,
    version: 1,
  },
  {
    productId: 'p-2',
    sku: 'A-2',
    name: 'Chair',
    onHand: 0,
    reserved: 0,
    available: 0,
    lowStockThreshold: 2,
    version: 1,
  },
];

describe('OrderInterfaceState', () => {
  let backend: HttpTestingController;
  let sources: ReturnType<typeof fakeEventSources>;
  let state: OrderInterfaceState;

  beforeEach(() => {
    localStorage.clear();
    sources = fakeEventSources();
    let n = 0;
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        OrderInterfaceState,
        { provide: EVENT_SOURCE_FACTORY, useValue: sources.factory },
        { provide: ORDER_KEY_FACTORY, useValue: () => `key-${++n}` },
        { provide: RANDOM, useValue: () => 0 },
      ],
    });
    TestBed.inject(SessionStore).signIn(tokensFor(ADMIN_USER));
    backend = TestBed.inject(HttpTestingController);
    state = TestBed.inject(OrderInterfaceState);
  });

  afterEach(() => backend.verify());

  it('places VIP test orders as the demo VIP shopper, each with its own key, on in-stock products', () => {
    state.place({ tier: 'vip', count: 2, cardNumber: SIMULATED_TEST_CARDS.approve });
    expect(state.sending()).toBe(2);
    backend.expectOne('/api/inventory').flush(STOCK);
    const vip = DEMO_ACCOUNTS.find((a) => a.tier === 'vip' && a.role === 'customer')!;
    const login = backend.expectOne('/api/auth/login');
    expect(login.request.body).toEqual({ email: vip.email, password: vip.password });
    login.flush({ ...tokensFor(ADMIN_USER), accessToken: 'vip-token', expiresIn: 900 });

    const posts = backend.match({ method: 'POST', url: '/api/e-commerce/orders' });
    expect(posts).toHaveLength(2);
    expect(posts.map((p) => p.request.headers.get('Idempotency-Key'))).toEqual(['key-1', 'key-2']);
    expect(posts[0].request.headers.get('Authorization')).toBe('Bearer vip-token');
    expect(posts[0].request.body).toEqual({
      items: [{ productId: 'p-1', quantity: 1 }],
      cardNumber: SIMULATED_TEST_CARDS.approve,
    });
    posts[0].flush(adminOrder({ id: 'o-1' }));
    posts[1].flush(
      { statusCode: 402, code: 'PAYMENT_DECLINED', message: 'Card declined', details: { orderId: 'o-2' } },
      { status: 402, statusText: 'Payment Required' },
    );
    // Newest first.
    expect(state.placements().map((p) => [p.key, p.outcome, p.orderId])).toEqual([
      ['key-2', 'failed', 'o-2'],
      ['key-1', 'placed', 'o-1'],
    ]);
    expect(state.orders()[0].id).toBe('o-1');
  });

  it('follows the queue metrics over their stream and moves listed orders along with the admin event stream', () => {
    vi.useFakeTimers();
    try {
      state.start(TestBed.inject(DestroyRef));
      backend
        .expectOne((r) => r.url === '/api/orders')
        .flush({ items: [adminOrder()], page: 1, pageSize: 20, total: 1 });
      const events = sources.opened.find((s) => s.url.startsWith('/api/events/stream?access_token='))!;
      const queues = sources.opened.find((s) => s.url.startsWith('/api/orders/queues/stream?access_token='))!;
      expect(events).toBeDefined();
      expect(queues).toBeDefined();
      expect(state.metrics()).toBeUndefined();
      queues.emit('queues', queueMetrics());
      expect(state.metrics()?.queues).toHaveLength(2);
      queues.emit('queues', { ...queueMetrics(), queues: [], at: '2026-11-23T12:00:01.000Z' });
      expect(state.metrics()?.queues).toEqual([]);
      queues.emit('unavailable', { at: 'x', code: 'UNAVAILABLE', message: 'No orders instance answered' });
      expect(state.metricsError()).toBe('No orders instance answered');
      // Nothing is polled, however long the page stays.
      vi.advanceTimersByTime(10_000);
      backend.expectNone('/api/orders/queues');
      queues.emit('queues', queueMetrics());
      expect(state.metricsError()).toBeUndefined();

      events.emit('domain-event', {
        id: 'e1',
        type: 'ORDER_COMPLETED',
        source: 'orders',
        occurredAt: '2026-11-23T12:00:02.000Z',
        payload: { orderId: adminOrder().id, status: 'COMPLETED' },
      });
      expect(state.orders()[0].status).toBe('COMPLETED');
      expect(state.recentEvents()[0].type).toBe('ORDER_COMPLETED');

      events.emit('domain-event', {
        id: 'e2',
        type: 'ORDER_CREATED',
        source: 'orders',
        occurredAt: '2026-11-23T12:00:03.000Z',
        payload: { orderId: 'new-order', status: 'PLACED' },
      });
      vi.advanceTimersByTime(500);
      backend.expectOne((r) => r.url === '/api/orders').flush({ items: [], page: 1, pageSize: 20, total: 0 });
    } finally {
      vi.useRealTimers();
    }
  });
});
