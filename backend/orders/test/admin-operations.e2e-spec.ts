import { randomUUID } from 'node:crypto';
import { AdminOrderDetail, PaymentProviderOverview, TestOrdersResult, UserPage } from '@shop/contracts';
import { StartedGateway, TestCluster, waitFor } from '@shop/testing';
import { Api, CARDS, SCRIPTS, Shoppers, setStock, signInDemoAccounts, someProducts } from './orders-harness';

jest.setTimeout(120_000);

/** Every admin route this file covers, as a shopper would call it. */
const ADMIN_ROUTES: [string, string, unknown][] = [
  ['GET', `/api/admin/orders/${randomUUID()}`, undefined],
  ['POST', '/api/admin/test-orders', { tier: 'vip' }],
  ['GET', '/api/admin/supervisor', undefined],
  ['POST', '/api/admin/supervisor/scale', { service: 'inventory', delta: 1 }],
  ['GET', '/api/admin/payment/provider', undefined],
  ['POST', '/api/services/config', { action: 'set-payment-outage', paymentOutage: 'fail' }],
];

/**
 * The operator routes of the admin console against real gateway, auth, inventory, cart, payment and orders
 * processes (one each) on a fresh database and an isolated prefix: test orders for generated test shoppers,
 * the order detail with timeline and payment, the payment provider outage switch and its breaker, and 403 for
 * shoppers everywhere.
 */
describe('admin operations (real processes)', () => {
  let cluster: TestCluster;
  let gateway: StartedGateway;
  let api: Api;
  let users: Shoppers;
  let productIds: string[];

  beforeAll(async () => {
    cluster = await TestCluster.start({
      database: true,
      env: {
        LOG_LEVEL: 'warn',
        BCRYPT_COST: '6',
        ORDER_FULFILMENT_MS: '300',
        PAYMENT_BREAKER_COOLDOWN_MS: '2000',
        PAYMENT_PROVIDER_TIMEOUT_MS: '400',
      },
    });
    await Promise.all(
      (['auth', 'inventory', 'payment', 'cart', 'orders'] as const).map((service) =>
        cluster.startInstance({ service, script: SCRIPTS[service], readyTimeoutMs: 90_000 }),
      ),
    );
    gateway = await cluster.startGateway().catch((err: Error) => {
      throw new Error(`${err.message}\n${cluster.diagnostics()}`);
    });
    api = new Api(gateway.baseUrl);
    users = await signInDemoAccounts(gateway);
    const products = await someProducts(cluster, 4);
    for (const p of products) await setStock(cluster, p.id, 200);
    productIds = products.map((p) => p.id);
  }, 240_000);

  afterAll(async () => {
    await cluster?.teardown();
  });

  const testOrders = (body: unknown, key?: string, token = users.admin) =>
    api.request<TestOrdersResult & { message: string }>('POST', '/api/admin/test-orders', {
      token,
      body,
      headers: key ? { 'idempotency-key': key } : {},
    });
  const detail = (id: string) =>
    api.request<AdminOrderDetail & { message: string }>('GET', `/api/admin/orders/${id}`, {
      token: users.admin,
    });
  const provider = async () =>
    (await api.request<PaymentProviderOverview>('GET', '/api/admin/payment/provider', { token: users.admin }))
      .body;
  const setOutage = async (paymentOutage: string) => {
    const res = await api.request('POST', '/api/services/config', {
      token: users.admin,
      body: { action: 'set-payment-outage', paymentOutage },
    });
    expect(res.status).toBe(200);
    // Every payment instance applies the change from the key-value watch.
    await waitFor(async () => (await provider()).outage === paymentOutage, `outage ${paymentOutage}`);
  };
  const checkout = () =>
    api.placeOrder(users.normal, randomUUID(), {
      items: [{ productId: productIds[3], quantity: 1 }],
      cardNumber: CARDS.approve,
    });

  it.each(ADMIN_ROUTES)(
    'answers %s %s with 403 to a shopper and 401 without a token',
    async (method, path, body) => {
      expect((await api.request(method, path, { token: users.normal, body })).status).toBe(403);
      expect((await api.request(method, path, { body })).status).toBe(401);
    },
  );

  it('answers the payment provider stream with 403 to a shopper', async () => {
    const res = await fetch(
      `${gateway.baseUrl}/api/admin/payment/provider/stream?access_token=${encodeURIComponent(users.normal)}`,
    );
    expect(res.status).toBe(403);
    await res.body?.cancel();
  });

  it('places VIP and normal test orders for generated test shoppers, who cannot sign in', async () => {
    const key = randomUUID();
    const items = [{ productId: productIds[0], quantity: 1 }];
    const vip = await testOrders({ tier: 'vip', count: 3, shoppers: 2, items }, key);
    expect(vip.status).toBe(200);
    expect(vip.body).toMatchObject({ tier: 'vip', placed: 3, failed: 0 });
    expect(vip.body.shoppers).toHaveLength(2);
    for (const s of vip.body.shoppers) {
      expect(s).toMatchObject({ role: 'customer', tier: 'vip', test: true });
      expect(s.email).toMatch(/^test-vip-[0-9a-f]+@test-shoppers\.shop\.local$/);
    }
    const emails = vip.body.shoppers.map((s) => s.email);
    expect(vip.body.orders.map((o) => o.order?.priority)).toEqual(['vip', 'vip', 'vip']);
    expect(vip.body.orders.map((o) => o.shopperEmail)).toEqual([emails[0], emails[1], emails[0]]);
    expect(vip.body.orders.map((o) => o.idempotencyKey)).toEqual([1, 2, 3].map((n) => `${key}:${n}`));

    // The same batch key returns the same orders; the pool of test shoppers is reused.
    const again = await testOrders({ tier: 'vip', count: 3, shoppers: 2, items }, key);
    expect(again.body.orders.map((o) => o.order?.id)).toEqual(vip.body.orders.map((o) => o.order?.id));
    expect(again.body.shoppers.map((s) => s.id)).toEqual(vip.body.shoppers.map((s) => s.id));

    // Without items, each order takes products in stock.
    const normal = await testOrders({ tier: 'normal', count: 2 });
    expect(normal.body).toMatchObject({ tier: 'normal', placed: 2, failed: 0 });
    expect(normal.body.shoppers).toEqual([expect.objectContaining({ tier: 'normal', test: true })]);
    for (const o of normal.body.orders) {
      expect(o.order?.priority).toBe('normal');
      expect(o.order?.items.length).toBeGreaterThanOrEqual(1);
      expect(o.order?.items.length).toBeLessThanOrEqual(2);
      expect(o.order?.items.every((i) => i.quantity === 1)).toBe(true);
    }

    // No password opens a test shopper's account.
    const login = await api.request('POST', '/api/auth/login', {
      body: { email: emails[0], password: 'Anything-123!' },
    });
    expect(login.status).toBe(401);
    const listed = await api.request<UserPage>('GET', '/api/users?q=test-shoppers.shop.local&pageSize=100', {
      token: users.admin,
    });
    expect(listed.body.items.filter((u) => u.test).length).toBe(3);
  });

  it.each([
    [{ tier: 'gold' }, /tier must be one of: normal, vip/],
    [{ tier: 'vip', count: 0 }, /count must be at least 1/],
    [{ tier: 'vip', count: 101 }, /count must be at most 100/],
    [{ tier: 'vip', count: 1.5 }, /count must be an integer/],
    [{ tier: 'vip', shoppers: 11 }, /shoppers must be at most 10/],
    [{ tier: 'vip', cardNumber: 'abc' }, /cardNumber/],
    [{ tier: 'vip', items: [] }, /items must be an array of 1 to/],
    [{ tier: 'vip', items: [{ productId: 'x', quantity: 1 }] }, /items\.0\.productId/],
    [{ tier: 'vip', password: 'x' }, /password/],
    [{}, /tier/],
  ])('refuses %j with 400', async (body, message) => {
    const res = await testOrders(body);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });

  it('reports a declined test order as failed, and shows its timeline with the compensation and payment', async () => {
    const res = await testOrders({
      tier: 'normal',
      cardNumber: CARDS.decline,
      items: [{ productId: productIds[1], quantity: 2 }],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ placed: 0, failed: 1 });
    const [outcome] = res.body.orders;
    expect(outcome.error).toMatchObject({ statusCode: 402, code: 'PAYMENT_DECLINED' });
    const orderId = outcome.error!.details!.orderId as string;

    const failed = await detail(orderId);
    expect(failed.status).toBe(200);
    expect(failed.body.order).toMatchObject({ id: orderId, status: 'FAILED', email: outcome.shopperEmail });
    expect(failed.body.order.timeline.map((t) => t.step)).toEqual([
      'ORDER_PLACED',
      'STOCK_DEDUCTED',
      'AUTHORIZE_PAYMENT',
      'COMPENSATION_STARTED',
      'STOCK_RESTORED',
      'FAILED',
    ]);
    expect(failed.body.order.timeline.find((t) => t.step === 'AUTHORIZE_PAYMENT')?.outcome).toBe('failed');
    expect(failed.body.payment).toMatchObject({ orderId, status: 'DECLINED', cardLast4: '0002' });
  });

  it('shows a placed order with every step’s instance and correlation id, and its authorized payment', async () => {
    const res = await testOrders({ tier: 'vip', items: [{ productId: productIds[2], quantity: 1 }] });
    const order = res.body.orders[0].order!;
    const done = await waitFor(
      async () => {
        const r = await detail(order.id);
        return r.body.order.status === 'COMPLETED' ? r.body : undefined;
      },
      'the test order to complete',
      20_000,
      100,
    );
    expect(done.order.correlationId).toBe(order.correlationId);
    const checkoutSteps = done.order.timeline.slice(0, 4);
    expect(checkoutSteps.map((t) => t.step)).toEqual([
      'ORDER_PLACED',
      'STOCK_DEDUCTED',
      'PAYMENT_AUTHORIZED',
      'CONFIRMED',
    ]);
    for (const step of checkoutSteps) {
      expect(step).toMatchObject({ outcome: 'ok', correlationId: order.correlationId });
      expect(step.instanceId).toMatch(/^orders-/);
      expect(Date.parse(step.at)).not.toBeNaN();
    }
    expect(done.payment).toMatchObject({
      orderId: order.id,
      status: 'AUTHORIZED',
      amountMinor: order.total.amountMinor,
    });
    expect(done.payment?.providerRef).toMatch(/^sim_auth_/);

    expect((await detail(randomUUID())).status).toBe(404);
    const bad = await detail('not-an-order');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/id must be an order id/);
  });

  it('takes the payment provider down (all calls fail): checkout fails, the breaker opens and fails fast, then closes after the repair', async () => {
    expect((await provider()).instances).toEqual([expect.objectContaining({ breaker: 'closed' })]);
    await setOutage('fail');
    for (let i = 0; i < 3; i++) {
      const res = await checkout();
      expect(res.status).toBe(503);
      expect(res.body.message).toMatch(/outage switch: fail/);
    }
    const open = await provider();
    expect(open.instances[0]).toMatchObject({ breaker: 'open', consecutiveFailures: 3 });
    expect(open.instances[0].halfOpenAt).toBeDefined();
    // While open, checkout fails fast without calling the provider.
    const blocked = await checkout();
    expect(blocked.status).toBe(503);
    expect(blocked.body.message).toMatch(/circuit breaker open/);
    expect((await provider()).instances[0].providerCalls).toBe(open.instances[0].providerCalls);

    await setOutage('none');
    const recovered = await waitFor(
      async () => {
        const r = await checkout();
        return r.status === 201 ? r : undefined;
      },
      'checkout to work again after the cool-down',
      15_000,
      300,
    );
    expect(recovered.body.status).toBe('PENDING');
    expect((await provider()).instances[0]).toMatchObject({ breaker: 'closed', consecutiveFailures: 0 });
  });

  it('makes every provider call time out: the breaker opens after the timeouts, half-opens, and a failed probe opens it again', async () => {
    await setOutage('timeout');
    for (let i = 0; i < 3; i++) {
      const res = await checkout();
      expect(res.status).toBe(503);
      expect(res.body.message).toMatch(/no answer within 400 ms/);
    }
    expect((await provider()).instances[0].breaker).toBe('open');
    // After the cool-down it half-opens: the next authorization is the probe.
    await waitFor(
      async () => (await provider()).instances[0].breaker === 'half-open',
      'the breaker to half-open',
    );
    // The probe times out again, and the breaker opens again.
    const reopened = await waitFor(
      async () => {
        const r = await checkout();
        return r.status === 503 && /no answer within/.test(String(r.body.message)) ? r : undefined;
      },
      'a probe after the cool-down',
      15_000,
      300,
    );
    expect(reopened.status).toBe(503);
    expect((await provider()).instances[0].breaker).toBe('open');
    await setOutage('none');
    await waitFor(
      async () => (await checkout()).status === 201,
      'checkout to work after the repair',
      15_000,
      300,
    );
  });

  it('streams the provider overview to admins', async () => {
    const controller = new AbortController();
    const res = await fetch(
      `${gateway.baseUrl}/api/admin/payment/provider/stream?access_token=${encodeURIComponent(users.admin)}`,
      { signal: controller.signal },
    );
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let block: string | undefined;
    while (!block) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended before an event: ${text}`);
      text += decoder.decode(value, { stream: true });
      block = text.split('\n\n').find((b) => /^event: payment-provider$/m.test(b) && /^data: /m.test(b));
    }
    controller.abort();
    const data = JSON.parse(/^data: (.*)$/m.exec(block)![1]) as PaymentProviderOverview;
    expect(data).toMatchObject({ outage: 'none', unreachable: [] });
    expect(data.instances.map((i) => i.provider)).toEqual(['simulated']);
  });

  it('says that scaling needs the local supervisor when none runs the cluster', async () => {
    const res = await api.request<{ message: string; details: { supervised: boolean } }>(
      'POST',
      '/api/admin/supervisor/scale',
      { token: users.admin, body: { service: 'inventory', delta: 1 } },
    );
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/not run by the local supervisor/);
    expect(res.body.details.supervised).toBe(false);
  });

  it('says that chaos mode needs the local supervisor when none runs the cluster, on its stream too', async () => {
    for (const [method, body] of [
      ['POST', { durationSeconds: 20 }],
      ['GET', undefined],
      ['DELETE', undefined],
    ] as const) {
      const res = await api.request<{ message: string; details: { supervised: boolean } }>(
        method,
        '/api/admin/chaos',
        { token: users.admin, body },
      );
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/chaos mode is not available: it needs the local supervisor/);
      expect(res.body.details.supervised).toBe(false);
    }
    const controller = new AbortController();
    const res = await fetch(
      `${gateway.baseUrl}/api/admin/chaos/stream?access_token=${encodeURIComponent(users.admin)}`,
      { signal: controller.signal },
    );
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let block: string | undefined;
    while (!block) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended before an event: ${text}`);
      text += decoder.decode(value, { stream: true });
      block = text.split('\n\n').find((b) => /^event: chaos-unavailable$/m.test(b) && /^data: /m.test(b));
    }
    controller.abort();
    expect(JSON.parse(/^data: (.*)$/m.exec(block)![1])).toEqual({
      statusCode: 409,
      message: expect.stringMatching(/not run by the local supervisor/),
    });
  });
});
