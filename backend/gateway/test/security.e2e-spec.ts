import { randomUUID } from 'node:crypto';
import {
  ApiErrorBody,
  AuthTokens,
  CartDto,
  LogPage,
  OrderDto,
  OrderPage,
  ProductPage,
  SIMULATED_TEST_CARDS,
} from '@shop/contracts';
import { TestCluster, openEventStream, waitFor } from '@shop/testing';
import { hostileTokens } from './support/hostile-tokens';
import { WholeSystem, demoAccount, login, register, startWholeSystem } from './support/whole-system';

jest.setTimeout(240_000);

const JWT_SECRET = 'e2e-security-secret-0123456789abcdef';

interface Answer<T> {
  status: number;
  body: T;
}

/**
 * Security at the edge of the whole system (one instance of every service and a gateway, fresh database):
 * tokens that must be refused, shoppers kept to their own carts, orders and order streams, and access
 * tokens in URLs accepted on event streams only and never written to any log.
 */
describe('security of the REST edge', () => {
  let cluster: TestCluster;
  let system: WholeSystem;
  let baseUrl: string;
  let alice: AuthTokens;
  let bob: AuthTokens;
  let admin: string;
  let products: string[];

  const api = async <T = ApiErrorBody>(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...opts.headers,
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const cartOf = async (token: string) =>
    (await api<CartDto>('GET', '/api/cart', { token })).body.items.map((i) => `${i.productId}×${i.quantity}`);

  beforeAll(async () => {
    cluster = await TestCluster.start({
      database: true,
      env: { JWT_SECRET, LOG_LEVEL: 'warn', BCRYPT_COST: '4', ORDER_FULFILMENT_MS: '200' },
    });
    // Debug level: the gateway logs every request line, successful event streams included.
    system = await startWholeSystem(cluster, { LOG_LEVEL: 'debug' });
    baseUrl = system.gateway.baseUrl;
    alice = await register(baseUrl, `alice-${randomUUID().slice(0, 8)}@example.com`);
    bob = await register(baseUrl, `bob-${randomUUID().slice(0, 8)}@example.com`);
    const account = demoAccount('admin');
    admin = (await login(baseUrl, account.email, account.password)).accessToken;
    const page = await api<ProductPage>('GET', '/api/products?pageSize=5&sort=name');
    products = page.body.items.map((p) => p.id);
  }, 240_000);

  afterAll(async () => {
    await system?.sink.stop(2000);
    await cluster?.teardown();
  });

  it('refuses expired, tampered, foreign-secret and unsigned tokens everywhere, saying why', async () => {
    const tokens = hostileTokens(alice.accessToken, JWT_SECRET);
    const reasons: Record<string, RegExp> = {
      expired: /jwt expired/,
      tampered: /invalid signature/,
      'foreign secret': /invalid signature/,
      'alg none': /jwt signature is required|invalid algorithm/,
      'other algorithm': /invalid algorithm/,
      'not a JWT': /invalid token|jwt malformed/,
      garbage: /invalid token|jwt malformed/,
    };
    for (const [kind, token] of Object.entries(tokens)) {
      for (const [method, path] of [
        ['GET', '/api/auth/me'],
        ['GET', '/api/cart'],
        ['DELETE', '/api/cart'],
        ['GET', `/api/orders/${randomUUID()}`],
        ['GET', '/api/services/config'],
        ['GET', '/api/services/health'],
      ]) {
        const res = await api(method, path, { token });
        expect(`${kind} ${method} ${path}: ${res.status} ${res.body?.message}`).toMatch(
          new RegExp(`: 401 Authentication required \\(.*(${reasons[kind].source})`),
        );
      }
      // On an event stream, in the query string, the same.
      const stream = await fetch(`${baseUrl}/api/orders/stream?access_token=${encodeURIComponent(token)}`);
      expect(`${kind} stream: ${stream.status}`).toBe(`${kind} stream: 401`);
      await stream.body?.cancel();
    }
    // The anonymous answer of a route that allows guests stays the guest answer.
    expect((await api('GET', '/api/auth/session', { token: tokens.expired })).body).toEqual({
      kind: 'guest',
    });
  });

  it("keeps each shopper to their own cart: another's items can be neither read nor changed", async () => {
    const [p1, p2] = products;
    expect(
      (
        await api('POST', '/api/cart/items', {
          token: alice.accessToken,
          body: { productId: p1, quantity: 2 },
        })
      ).status,
    ).toBe(200);
    expect(
      (await api('POST', '/api/cart/items', { token: bob.accessToken, body: { productId: p2, quantity: 1 } }))
        .status,
    ).toBe(200);
    expect(await cartOf(bob.accessToken)).toEqual([`${p2}×1`]);

    // Bob aims at the line in Alice's cart: his own cart has no such line, and hers is untouched.
    const patch = await api('PATCH', `/api/cart/items/${p1}`, {
      token: bob.accessToken,
      body: { quantity: 5 },
    });
    expect(patch.status).toBe(404);
    expect((await api('DELETE', `/api/cart/items/${p1}`, { token: bob.accessToken })).status).toBe(404);
    // A userId smuggled into a body or query is refused, never used.
    const smuggled = await api('POST', '/api/cart/items', {
      token: bob.accessToken,
      body: { productId: p1, quantity: 1, userId: alice.user.id },
    });
    expect(smuggled.status).toBe(400);
    expect(smuggled.body.message).toContain('property userId should not exist');
    expect((await api('DELETE', '/api/cart', { token: bob.accessToken })).status).toBe(200);
    expect(await cartOf(alice.accessToken)).toEqual([`${p1}×2`]);
    expect(await cartOf(bob.accessToken)).toEqual([]);
  });

  it('keeps each shopper to their own orders, order detail and order event stream', async () => {
    const aliceStream = await openEventStream(baseUrl, '/api/orders/stream', alice.accessToken);
    const bobStream = await openEventStream(baseUrl, '/api/orders/stream', bob.accessToken);
    try {
      const placed = await api<OrderDto>('POST', '/api/orders', {
        token: alice.accessToken,
        headers: { 'idempotency-key': randomUUID() },
        body: { items: [{ productId: products[2], quantity: 1 }], cardNumber: SIMULATED_TEST_CARDS.approve },
      });
      expect(placed.status).toBe(201);
      const order = placed.body;
      const forAlice = () =>
        aliceStream.events.filter(
          (e) => e.type === 'order-status' && (e.data as { orderId?: string }).orderId === order.id,
        );
      await waitFor(() => forAlice().length >= 2 || undefined, "Alice's order events on her stream");
      // Give Bob's stream the same time and more: nothing of Alice's order reaches it.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(bobStream.events.filter((e) => e.type === 'order-status')).toEqual([]);
    } finally {
      aliceStream.close();
      bobStream.close();
    }

    const aliceOrders = await api<OrderPage>('GET', '/api/orders', { token: alice.accessToken });
    const orderId = aliceOrders.body.items[0].id;
    // Bob asking for Alice's order gets exactly what he gets for an order that does not exist.
    const theirs = await api('GET', `/api/orders/${orderId}`, { token: bob.accessToken });
    const nobodys = await api('GET', `/api/orders/${randomUUID()}`, { token: bob.accessToken });
    expect(theirs.status).toBe(404);
    expect(nobodys.status).toBe(404);
    expect(theirs.body.message.replace(orderId, 'ID')).toBe(
      nobodys.body.message.replace(/[0-9a-f-]{36}/, 'ID'),
    );
    expect((await api('GET', `/api/e-commerce/orders/${orderId}`, { token: bob.accessToken })).status).toBe(
      404,
    );
    // Asking for Alice's orders by her user id gives Bob his own (none).
    for (const path of [
      `/api/orders?userId=${alice.user.id}`,
      `/api/e-commerce/orders?userId=${alice.user.id}`,
    ]) {
      const listed = await api<OrderPage>('GET', path, { token: bob.accessToken });
      expect(listed.status).toBe(200);
      expect(listed.body.items.filter((o) => o.userId !== bob.user.id)).toEqual([]);
    }
    // The same question from an admin is answered.
    expect((await api<OrderDto>('GET', `/api/orders/${orderId}`, { token: admin })).body.userId).toBe(
      alice.user.id,
    );
  });

  it('accepts ?access_token= on event streams only, and writes it to no log', async () => {
    const token = alice.accessToken;
    const signature = token.split('.')[2];
    const correlationId = `e2e-query-token-${randomUUID().slice(0, 8)}`;
    const headers = { 'x-correlation-id': correlationId };
    for (const path of ['/api/cart', '/api/products', '/api/auth/me', '/api/logs?level=warn']) {
      const res = await fetch(`${baseUrl}${path}${path.includes('?') ? '&' : '?'}access_token=${token}`, {
        headers,
      });
      const body = (await res.json()) as ApiErrorBody;
      expect(`${path}: ${res.status} ${body.message}`).toMatch(
        /: 401 access_token in the query string is accepted on event streams only/,
      );
    }
    const stream = await fetch(`${baseUrl}/api/orders/stream?access_token=${token}`, { headers });
    expect(stream.status).toBe(200);
    await stream.body?.cancel();

    // The refusals are warnings, shipped to the centralized log: there with the token redacted.
    const entries = await waitFor(async () => {
      const page = await api<LogPage>('GET', `/api/logs?correlationId=${correlationId}`, { token: admin });
      return page.body.entries.length >= 4 ? page.body.entries : undefined;
    }, 'the refused requests in the centralized log');
    const shipped = JSON.stringify(entries);
    expect(shipped).toContain('access_token=[redacted]');
    expect(shipped).not.toContain(signature);
    // The gateway's own output (request lines at debug level, the stream's included): redacted too.
    const output = await waitFor(() => {
      const text = system.gateway.instance.output();
      return text.includes('/api/orders/stream?access_token=[redacted]') ? text : undefined;
    }, "the stream's request line in the gateway's output");
    expect(output).not.toContain(signature);
    // Nor does any other process print it.
    expect(cluster.diagnostics(1_000_000)).not.toContain(signature);
  });
});
