import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OrderDetailDto, OrderDto, PaymentRpc, ProductDto } from '@shop/contracts';
import { createContext } from '@shop/common';
import { ChildInstance, StartedGateway, TestCluster, openEventStream, waitFor } from '@shop/testing';
import {
  Api,
  CARDS,
  SCRIPTS,
  Shoppers,
  openDatabase,
  setStock,
  signInDemoAccounts,
  someProducts,
  startSmtpSink,
  stockOf,
} from './orders-harness';

jest.setTimeout(120_000);

/**
 * Checkout through the real gateway, auth, inventory, payment, orders and notification processes (one each)
 * on a fresh database and an isolated NATS prefix, with the local SMTP sink.
 */
describe('checkout saga (real processes)', () => {
  let cluster: TestCluster;
  let gateway: StartedGateway;
  let sink: ChildInstance;
  let api: Api;
  let users: Shoppers;
  let products: ProductDto[];
  let db: DataSource;

  beforeAll(async () => {
    cluster = await TestCluster.start({
      database: true,
      env: {
        LOG_LEVEL: 'warn',
        BCRYPT_COST: '6',
        ORDER_FULFILMENT_MS: '300',
        PAYMENT_BREAKER_COOLDOWN_MS: '2000',
      },
    });
    const started = await startSmtpSink(cluster);
    sink = started.sink;
    await Promise.all([
      cluster.startInstance({ service: 'auth', script: SCRIPTS.auth, readyTimeoutMs: 90_000 }),
      cluster.startInstance({ service: 'inventory', script: SCRIPTS.inventory, readyTimeoutMs: 90_000 }),
      cluster.startInstance({ service: 'payment', script: SCRIPTS.payment, readyTimeoutMs: 90_000 }),
      cluster.startInstance({ service: 'cart', script: SCRIPTS.cart, readyTimeoutMs: 90_000 }),
      cluster.startInstance({ service: 'orders', script: SCRIPTS.orders, readyTimeoutMs: 90_000 }),
      cluster.startInstance({
        service: 'notification',
        script: SCRIPTS.notification,
        env: { SMTP_URL: started.smtpUrl },
        readyTimeoutMs: 90_000,
      }),
    ]);
    gateway = await cluster.startGateway().catch((err: Error) => {
      throw new Error(`${err.message}\n${cluster.diagnostics()}`);
    });
    api = new Api(gateway.baseUrl);
    users = await signInDemoAccounts(gateway);
    products = await someProducts(cluster, 10);
    for (const p of products) await setStock(cluster, p.id, 20);
    db = await openDatabase(cluster.database!.url);
  }, 240_000);

  afterAll(async () => {
    await db?.destroy();
    await sink?.stop(2000);
    await cluster?.teardown();
  });

  const order = (id: string, token = users.normal) =>
    api.request<OrderDetailDto>('GET', `/api/orders/${id}`, { token });

  it('confirms an order, queues it, completes it, mails the shopper and streams its status', async () => {
    const product = products[0];
    const stream = await openEventStream(gateway.baseUrl, '/api/orders/stream', users.normal);
    const adminStream = await openEventStream(gateway.baseUrl, '/api/events/stream', users.admin);
    try {
      const correlationId = `corr-${randomUUID()}`;
      const res = await api.request<OrderDto>('POST', '/api/orders', {
        token: users.normal,
        body: { items: [{ productId: product.id, quantity: 2 }], cardNumber: CARDS.approve },
        headers: { 'idempotency-key': randomUUID(), 'x-correlation-id': correlationId },
      });
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('PENDING');
      expect(res.body.priority).toBe('normal');
      expect(res.body.lines).toEqual([
        expect.objectContaining({ productId: product.id, quantity: 2, name: product.name }),
      ]);
      expect(res.body.pricing?.subtotal.amountMinor).toBe(product.price.amountMinor * 2);
      expect(res.body.total).toEqual(res.body.pricing?.total);
      expect((await stockOf(cluster, product.id)).onHand).toBe(18);

      const done = await waitFor(
        async () => {
          const r = await order(res.body.id);
          return r.body.status === 'COMPLETED' ? r.body : undefined;
        },
        'the order to complete',
        20_000,
        100,
      );
      expect(done.payment.status).toBe('AUTHORIZED');
      expect(done.shipping.status).toBe('shipped');
      expect(done.lines[0].imageUrl).toBe(product.imageUrl);
      const steps = done.timeline.map((t) => t.step);
      expect(steps).toEqual([
        'ORDER_PLACED',
        'STOCK_DEDUCTED',
        'PAYMENT_AUTHORIZED',
        'CONFIRMED',
        'PROCESSING',
        'COMPLETED',
      ]);
      expect(
        done.timeline
          .slice(0, 4)
          .every((t) => t.correlationId === correlationId && t.instanceId.startsWith('orders-')),
      ).toBe(true);

      const statuses = await waitFor(
        () => {
          const seen = stream
            .dataOf<StreamedStatus>('order-status')
            .filter((e) => e.orderId === res.body.id)
            .map((e) => e.event);
          return seen.includes('ORDER_COMPLETED') ? seen : undefined;
        },
        'the order stream to report completion',
        10_000,
      );
      expect(statuses).toEqual(
        expect.arrayContaining(['ORDER_CREATED', 'ORDER_CONFIRMED', 'ORDER_PROCESSING', 'ORDER_COMPLETED']),
      );

      const mail = await waitFor(
        async () => {
          const r = await api.request<{ subject: string; to: string[] }[]>(
            'GET',
            '/api/notifications/mail?to=shopper@shop.local',
            {
              token: users.admin,
            },
          );
          const subjects = r.body.map((m) => m.subject);
          return subjects.includes(`Order ${res.body.id} confirmed`) &&
            subjects.includes(`Order ${res.body.id} shipped`)
            ? subjects
            : undefined;
        },
        'the confirmation and shipping mails in the SMTP sink',
        15_000,
        200,
      );
      expect(mail.filter((s) => s === `Order ${res.body.id} confirmed`)).toHaveLength(1);

      // The admin stream carries every service's events for the order, payment ones included.
      const types = adminStream
        .dataOf<{ type: string; payload: { orderId: string } }>('domain-event')
        .filter((e) => e.payload.orderId === res.body.id)
        .map((e) => e.type);
      expect(types).toEqual(
        expect.arrayContaining(['ORDER_CREATED', 'PAYMENT_AUTHORIZED', 'ORDER_CONFIRMED', 'ORDER_COMPLETED']),
      );
    } finally {
      stream.close();
      adminStream.close();
    }
  });

  it('fails a declined card with its reason and releases the stock', async () => {
    const product = products[1];
    const res = await api.placeOrder(users.normal, randomUUID(), {
      items: [{ productId: product.id, quantity: 3 }],
      cardNumber: CARDS.decline,
    });
    expect(res.status).toBe(402);
    expect(res.body.code).toBe('PAYMENT_DECLINED');
    expect(res.body.message).toMatch(/declined/i);
    const orderId = (res.body.details as { orderId: string }).orderId;
    expect((await stockOf(cluster, product.id)).onHand).toBe(20);
    const failed = (await order(orderId)).body;
    expect(failed.status).toBe('FAILED');
    expect(failed.failureReason).toMatch(/declined/i);
    expect(failed.payment.status).toBe('DECLINED');
    // Payment refused: nothing was authorized, so there is nothing to void.
    expect(failed.timeline.map((t) => t.step)).toEqual([
      'ORDER_PLACED',
      'STOCK_DEDUCTED',
      'AUTHORIZE_PAYMENT',
      'COMPENSATION_STARTED',
      'STOCK_RESTORED',
      'FAILED',
    ]);

    const funds = await api.placeOrder(users.normal, randomUUID(), {
      items: [{ productId: product.id, quantity: 1 }],
      cardNumber: CARDS.insufficientFunds,
    });
    expect(funds.status).toBe(402);
    expect(funds.body.message).toMatch(/insufficient funds/i);
  });

  it('gives one order and one charge for a repeated Idempotency-Key, and 422 for a different body', async () => {
    const product = products[2];
    const key = randomUUID();
    const body = { items: [{ productId: product.id, quantity: 1 }], cardNumber: CARDS.approve };
    const callsBefore = (await providerStatus()).providerCalls;
    const answers = await Promise.all([
      api.placeOrder(users.normal, key, body),
      api.placeOrder(users.normal, key, body),
      api.placeOrder(users.normal, key, body, '/api/e-commerce/orders'),
    ]);
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    const ids = new Set(answers.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    const again = await api.placeOrder(users.normal, key, body);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(answers[0].body.id);
    expect((await providerStatus()).providerCalls).toBe(callsBefore + 1);
    const [{ count }] = (await db.query(
      `SELECT count(*)::int AS count FROM orders.orders WHERE idempotency_key = $1`,
      [key],
    )) as { count: number }[];
    expect(count).toBe(1);
    expect((await stockOf(cluster, product.id)).onHand).toBe(19);

    const different = await api.placeOrder(users.normal, key, {
      ...body,
      items: [{ productId: product.id, quantity: 2 }],
    });
    expect(different.status).toBe(422);
    expect(different.body.message).toMatch(/different request body/);

    const missing = await api.placeOrder(users.normal, undefined, body);
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/Idempotency-Key/);
    const invalid = await api.placeOrder(users.normal, randomUUID(), {
      items: [{ productId: product.id, quantity: 0 }],
      cardNumber: CARDS.approve,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toMatch(/quantity/);
    const unknown = await api.placeOrder(users.normal, randomUUID(), {
      items: [{ productId: randomUUID(), quantity: 1 }],
      cardNumber: CARDS.approve,
    });
    expect(unknown.status).toBe(404);
  });

  it('orders the cart when items are omitted: its reservation is consumed and the cart emptied', async () => {
    const product = products[5];
    const added = await api.request('POST', '/api/cart/items', {
      token: users.vip,
      body: { productId: product.id, quantity: 2 },
    });
    expect(added.status).toBe(200);
    expect((await stockOf(cluster, product.id)).reserved).toBe(2);

    const res = await api.placeOrder(users.vip, randomUUID(), { cardNumber: CARDS.approve });
    expect(res.status).toBe(201);
    expect(res.body.priority).toBe('vip');
    expect(res.body.lines).toEqual([expect.objectContaining({ productId: product.id, quantity: 2 })]);
    const stock = await stockOf(cluster, product.id);
    expect(stock).toMatchObject({ onHand: 18, reserved: 0 });
    await waitFor(
      async () =>
        (await api.request<{ items: unknown[] }>('GET', '/api/cart', { token: users.vip })).body.items
          .length === 0 || undefined,
      'the cart to be emptied',
      10_000,
      100,
    );
    const empty = await api.placeOrder(users.vip, randomUUID(), { cardNumber: CARDS.approve });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toMatch(/cart is empty/);
  });

  it('shows shoppers their own orders only, admins everyone’s, paginated', async () => {
    const vipOrder = await api.placeOrder(users.vip, randomUUID(), {
      items: [{ productId: products[3].id, quantity: 1 }],
      cardNumber: CARDS.approve,
    });
    expect(vipOrder.status).toBe(201);
    expect(vipOrder.body.priority).toBe('vip');

    const mine = await api.request<{ items: OrderDto[]; total: number }>('GET', '/api/orders?pageSize=50', {
      token: users.normal,
    });
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBeGreaterThanOrEqual(3);
    expect(mine.body.items.every((o) => o.email === 'shopper@shop.local')).toBe(true);
    const all = await api.request<{ items: OrderDto[]; total: number }>('GET', '/api/orders?pageSize=50', {
      token: users.admin,
    });
    expect(all.body.items.map((o) => o.id)).toContain(vipOrder.body.id);
    const vipMine = await api.request<{ total: number }>('GET', '/api/orders', { token: users.vip });
    expect(vipMine.body.total).toBeGreaterThanOrEqual(1);
    expect(all.body.total).toBe(mine.body.total + vipMine.body.total);
    const page2 = await api.request<{ items: OrderDto[]; page: number }>(
      'GET',
      '/api/orders?pageSize=1&page=2',
      { token: users.normal },
    );
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.items[0].id).toBe(mine.body.items[1].id);

    expect((await order(String(vipOrder.body.id), users.normal)).status).toBe(404);
    expect((await order(String(vipOrder.body.id), users.admin)).status).toBe(200);
    expect((await order('not-a-uuid')).status).toBe(400);
    expect((await api.request('GET', '/api/orders?pageSize=500', { token: users.normal })).status).toBe(400);
    expect((await api.request('GET', '/api/orders')).status).toBe(401);
    const metrics = await api.request<{ queues: { priority: string }[] }>('GET', '/api/orders/queues', {
      token: users.admin,
    });
    expect(metrics.status).toBe(200);
    expect(metrics.body.queues.map((q) => q.priority).sort()).toEqual(['normal', 'vip']);
    expect((await api.request('GET', '/api/orders/queues', { token: users.normal })).status).toBe(403);
  });

  it('opens the payment breaker after 3 provider failures: checkout then fails fast with 503 and releases stock', async () => {
    const product = products[4];
    for (let i = 0; i < 3; i++) {
      const res = await api.placeOrder(users.normal, randomUUID(), {
        items: [{ productId: product.id, quantity: 1 }],
        cardNumber: CARDS.providerError,
      });
      expect(res.status).toBe(503);
      expect(res.body.message).toMatch(/Payment provider failed/);
    }
    expect((await providerStatus()).breaker).toBe('open');
    const callsWhileOpen = (await providerStatus()).providerCalls;

    const blocked = await api.placeOrder(users.normal, randomUUID(), {
      items: [{ productId: product.id, quantity: 2 }],
      cardNumber: CARDS.approve,
    });
    expect(blocked.status).toBe(503);
    expect(blocked.body.message).toMatch(/circuit breaker open/);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await providerStatus()).providerCalls).toBe(callsWhileOpen);
    expect((await stockOf(cluster, product.id)).onHand).toBe(20);
    const failed = (await order((blocked.body.details as { orderId: string }).orderId)).body;
    expect(failed.status).toBe('FAILED');
    expect(failed.failureReason).toMatch(/circuit breaker open/);

    // After the cool-down the breaker half-opens and a successful probe closes it again.
    const recovered = await waitFor(
      async () => {
        const r = await api.placeOrder(users.normal, randomUUID(), {
          items: [{ productId: product.id, quantity: 1 }],
          cardNumber: CARDS.approve,
        });
        return r.status === 201 ? r : undefined;
      },
      'checkout to work again after the cool-down',
      15_000,
      500,
    );
    expect(recovered.body.status).toBe('PENDING');
    expect((await providerStatus()).breaker).toBe('closed');
  });

  function providerStatus() {
    return cluster.observer.client.call(
      PaymentRpc.providerStatus,
      {},
      createContext({ deadline: Date.now() + 5000 }),
    );
  }
});

interface StreamedStatus {
  event: string;
  orderId: string;
}
