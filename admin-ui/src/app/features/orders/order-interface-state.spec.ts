import { TestBed } from '@angular/core/testing';
import { DestroyRef, provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import { SIMULATED_TEST_CARDS, type TestOrdersResult } from '@shop/contracts';
import { authInterceptor } from '../../core/auth/auth.interceptor';
import { SessionStore, EVENT_SOURCE_FACTORY, fakeEventSources } from '@shop/web';
import { ADMIN_USER, tokensFor } from '../../core/auth/test-tokens';
import { ORDER_KEY_FACTORY, OrderInterfaceState } from './order-interface-state';
import { adminOrder, queueMetrics } from './test-orders';

describe('OrderInterfaceState', () => {
  let backend: HttpTestingController;
  let sources: ReturnType<typeof fakeEventSources>;
  let state: OrderInterfaceState;
  /** The admin's session (its token carries an expiry in seconds: made once, so the test can compare it). */
  let adminTokens: ReturnType<typeof tokensFor>;

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
        { provide: ORDER_KEY_FACTORY, useValue: () => `batch-${++n}` },
      ],
    });
    adminTokens = tokensFor(ADMIN_USER);
    TestBed.inject(SessionStore).signIn(adminTokens);
    backend = TestBed.inject(HttpTestingController);
    state = TestBed.inject(OrderInterfaceState);
  });

  afterEach(() => backend.verify());

  it('places a batch of VIP test orders through the admin API, for generated test shoppers, without any sign-in', () => {
    state.place({ tier: 'vip', count: 2, cardNumber: SIMULATED_TEST_CARDS.approve });
    expect(state.sending()).toBe(2);
    const post = backend.expectOne({ method: 'POST', url: '/api/admin/test-orders' });
    expect(post.request.body).toEqual({ tier: 'vip', count: 2, cardNumber: SIMULATED_TEST_CARDS.approve });
    expect(post.request.headers.get('Idempotency-Key')).toBe('batch-1');
    // The admin's own session, not a shopper's.
    expect(post.request.headers.get('Authorization')).toBe(`Bearer ${adminTokens.accessToken}`);
    backend.expectNone('/api/auth/login');
    const result: TestOrdersResult = {
      tier: 'vip',
      shoppers: [],
      placed: 1,
      failed: 1,
      orders: [
        {
          idempotencyKey: 'batch-1:1',
          shopperEmail: 'test-vip-1@test-shoppers.shop.local',
          outcome: 'placed',
          order: adminOrder({ id: 'o-1' }),
        },
        {
          idempotencyKey: 'batch-1:2',
          shopperEmail: 'test-vip-2@test-shoppers.shop.local',
          outcome: 'failed',
          error: {
            statusCode: 402,
            code: 'PAYMENT_DECLINED',
            message: 'Card declined',
            details: { orderId: 'o-2' },
          },
        },
      ],
    };
    post.flush(result);
    // Newest first.
    expect(state.placements().map((p) => [p.key, p.outcome, p.orderId, p.status, p.shopper])).toEqual([
      ['batch-1:2', 'failed', 'o-2', '402 PAYMENT_DECLINED', 'test-vip-2@test-shoppers.shop.local'],
      ['batch-1:1', 'placed', 'o-1', 'PENDING', 'test-vip-1@test-shoppers.shop.local'],
    ]);
    expect(state.sending()).toBe(0);
    expect(state.orders()[0].id).toBe('o-1');
  });

  it('marks the whole batch failed with the API’s message when the request is refused', () => {
    state.place({ tier: 'normal', count: 3, cardNumber: '123' });
    backend
      .expectOne('/api/admin/test-orders')
      .flush(
        { statusCode: 400, code: 'BAD_REQUEST', message: 'cardNumber must be 12 to 19 digits' },
        { status: 400, statusText: 'Bad Request' },
      );
    expect(state.placements().map((p) => [p.key, p.outcome, p.status, p.message])).toEqual(
      ['batch-1:3', 'batch-1:2', 'batch-1:1'].map((key) => [
        key,
        'failed',
        '400 BAD_REQUEST',
        'cardNumber must be 12 to 19 digits',
      ]),
    );
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

  it('keeps the status the event stream brought before the batch of test orders was answered', () => {
    state.start(TestBed.inject(DestroyRef));
    backend.expectOne((r) => r.url === '/api/orders').flush({ items: [], page: 1, pageSize: 20, total: 0 });
    const events = sources.opened.find((s) => s.url.startsWith('/api/events/stream?access_token='))!;
    state.place({ tier: 'vip', count: 1, cardNumber: SIMULATED_TEST_CARDS.approve });
    const post = backend.expectOne({ method: 'POST', url: '/api/admin/test-orders' });
    // The order is fulfilled while the rest of its batch is still being placed.
    events.emit('domain-event', {
      id: 'e1',
      type: 'ORDER_COMPLETED',
      source: 'orders',
      occurredAt: '2026-11-23T12:00:02.000Z',
      payload: { orderId: 'early', status: 'COMPLETED' },
    });
    post.flush({
      tier: 'vip',
      shoppers: [],
      placed: 1,
      failed: 0,
      orders: [
        {
          idempotencyKey: 'batch-1:1',
          shopperEmail: 'test-vip-1@test-shoppers.shop.local',
          outcome: 'placed',
          order: adminOrder({ id: 'early', status: 'PENDING' }),
        },
      ],
    } satisfies TestOrdersResult);
    expect(state.placements().map((p) => [p.orderId, p.status])).toEqual([['early', 'COMPLETED']]);
    expect(state.orders().map((o) => [o.id, o.status])).toEqual([['early', 'COMPLETED']]);
  });

  it('follows the status of a test order that is no longer among the recent orders', () => {
    vi.useFakeTimers();
    try {
      state.start(TestBed.inject(DestroyRef));
      backend
        .expectOne((r) => r.url === '/api/orders')
        .flush({ items: [adminOrder({ id: 'newer' })], page: 1, pageSize: 20, total: 1 });
      const events = sources.opened.find((s) => s.url.startsWith('/api/events/stream?access_token='))!;
      state.place({ tier: 'normal', count: 1, cardNumber: SIMULATED_TEST_CARDS.approve });
      backend.expectOne({ method: 'POST', url: '/api/admin/test-orders' }).flush({
        tier: 'normal',
        shoppers: [],
        placed: 1,
        failed: 0,
        orders: [
          {
            idempotencyKey: 'batch-1:1',
            shopperEmail: 'test-normal-1@test-shoppers.shop.local',
            outcome: 'placed',
            order: adminOrder({ id: 'older' }),
          },
        ],
      } satisfies TestOrdersResult);
      // Newer orders take the list over: the test order is not listed any more.
      state.loadOrders();
      backend
        .expectOne((r) => r.url === '/api/orders')
        .flush({ items: [adminOrder({ id: 'newer' })], page: 1, pageSize: 20, total: 2 });

      events.emit('domain-event', {
        id: 'e1',
        type: 'ORDER_COMPLETED',
        source: 'orders',
        occurredAt: '2026-11-23T12:00:02.000Z',
        payload: { orderId: 'older', status: 'COMPLETED' },
      });
      expect(state.placements().map((p) => [p.orderId, p.status])).toEqual([['older', 'COMPLETED']]);
      vi.advanceTimersByTime(500);
      backend
        .expectOne((r) => r.url === '/api/orders')
        .flush({ items: [adminOrder({ id: 'newer' })], page: 1, pageSize: 20, total: 2 });
    } finally {
      vi.useRealTimers();
    }
  });
});
