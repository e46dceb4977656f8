import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OrderDto, ProductDto } from '@shop/contracts';
import { percentile } from '@shop/common';
import { StartedGateway, TestCluster, randomSuffix, sleep, waitFor } from '@shop/testing';
import {
  Api,
  CARDS,
  SCRIPTS,
  cartLines,
  holdsOf,
  openDatabase,
  registerShopper,
  setStock,
  someProducts,
  stockOf,
} from './orders-harness';
import { TIMELINE_ROWS } from './timeline-rows';

jest.setTimeout(400_000);

/** The gateway's request deadline in this test (the product's default, set explicitly: it is the bound). */
const DEADLINE_MS = 10_000;
/** What the bound allows beyond the deadline: the gateway's own work and a loaded machine's scheduling. */
const MARGIN_MS = 2_000;
const SHOPPERS = 16;
const LOAD_MS = 30_000;
const KILL_AT_MS = 8_000;

interface Answer {
  kind: 'add' | 'order';
  /** HTTP status, or 0 when no answer came before the client gave up. */
  status: number;
  ms: number;
  at: number;
  code?: string;
  message?: string;
  retryAfter?: string | null;
  failedOrder?: string;
}

/**
 * Checkout load through the real gateway while an orders instance is SIGKILLed: the gateway, auth, two
 * inventory, two cart, one payment and three orders processes. Sixteen shoppers loop add-to-cart → order the
 * cart, asking again with the same Idempotency-Key after a 503; every request must be answered within the
 * gateway's deadline (plus a margin), and nothing may be lost or sold twice.
 */
describe('checkout within the gateway deadline while an orders instance dies (real processes)', () => {
  let cluster: TestCluster;
  let gateway: StartedGateway;
  let api: Api;
  let db: DataSource;
  let products: ProductDto[];
  let ordersIds: string[];

  beforeAll(async () => {
    cluster = await TestCluster.start({
      database: true,
      env: { LOG_LEVEL: 'warn', BCRYPT_COST: '4', RATE_LIMIT_PER_MINUTE: '1000000' },
    });
    const tag = randomSuffix(2);
    ordersIds = [1, 2, 3].map((n) => `orders-${n}-${tag}`);
    const start = (service: 'auth' | 'inventory' | 'cart' | 'payment', n = 1) =>
      Array.from({ length: n }, () =>
        cluster.startInstance({ service, script: SCRIPTS[service], readyTimeoutMs: 150_000 }),
      );
    try {
      await Promise.all([...start('auth'), ...start('inventory'), ...start('payment')]);
      await Promise.all([
        ...start('inventory'),
        ...start('cart', 2),
        ...ordersIds.map((instanceId) =>
          cluster.startInstance({
            service: 'orders',
            script: SCRIPTS.orders,
            instanceId,
            readyTimeoutMs: 150_000,
          }),
        ),
      ]);
      gateway = await cluster.startGateway({ GATEWAY_REQUEST_TIMEOUT_MS: String(DEADLINE_MS) });
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${cluster.diagnostics()}`);
    }
    api = new Api(gateway.baseUrl);
    products = await someProducts(cluster, 8);
    db = await openDatabase(cluster.database!.url);
  }, 400_000);

  afterAll(async () => {
    await db?.destroy();
    await cluster?.teardown();
  });

  it('answers every request within the deadline, loses no order and sells nothing twice', async () => {
    for (const p of products) await setStock(cluster, p.id, 10_000);
    const shoppers = await Promise.all(
      Array.from({ length: SHOPPERS }, () => registerShopper(api, 'deadline')),
    );
    const answers: Answer[] = [];
    const began = Date.now();
    /** One HTTP request, timed; the client waits well past the bound so a late answer is seen as late. */
    const timed = async (kind: Answer['kind'], send: (signal: AbortSignal) => Promise<Response>) => {
      const at = Date.now();
      try {
        const res = await send(AbortSignal.timeout(DEADLINE_MS + MARGIN_MS + 8_000));
        const text = await res.text();
        const body = (text ? JSON.parse(text) : {}) as Partial<OrderDto> & {
          code?: string;
          message?: string;
          details?: { orderId?: string };
        };
        const answer: Answer = {
          kind,
          status: res.status,
          ms: Date.now() - at,
          at: at - began,
          code: body.code,
          message: body.message,
          retryAfter: res.headers.get('retry-after'),
          failedOrder: body.details?.orderId,
        };
        answers.push(answer);
        return { answer, body };
      } catch (err) {
        const answer: Answer = { kind, status: 0, ms: Date.now() - at, at: at - began, message: String(err) };
        answers.push(answer);
        return { answer, body: {} };
      }
    };
    const post =
      (token: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
      (signal: AbortSignal) =>
        fetch(`${gateway.baseUrl}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
          signal,
        });

    let killedAt = 0;
    const killer = (async () => {
      await sleep(KILL_AT_MS);
      killedAt = Date.now() - began;
      cluster.instance(ordersIds[0]).kill('SIGKILL');
      await cluster.instance(ordersIds[0]).exited;
    })();

    const problems: string[] = [];
    await Promise.all(
      shoppers.map(async (shopper, s) => {
        for (let round = 0; Date.now() - began < LOAD_MS; round++) {
          const product = products[(s + round) % products.length];
          const added = await timed(
            'add',
            post(shopper.token, '/api/cart/items', { productId: product.id, quantity: 1 }),
          );
          if (added.answer.status !== 200) continue;
          // One checkout: the same key until it has an outcome (an order, a refusal, or a failed order).
          const key = randomUUID();
          for (let attempt = 0; attempt < 20; attempt++) {
            const { answer } = await timed(
              'order',
              post(shopper.token, '/api/orders', { cardNumber: CARDS.approve }, { 'idempotency-key': key }),
            );
            if (answer.status === 400) problems.push(`400 for a placed cart: ${answer.message}`);
            if (answer.status !== 503 || answer.failedOrder) break;
            await sleep(1000 * Number(answer.retryAfter ?? 1));
          }
        }
      }),
    );
    await killer;

    const orders = answers.filter((a) => a.kind === 'order');
    const late = answers.filter((a) => a.status === 0 || a.ms > DEADLINE_MS + MARGIN_MS);
    const duringKill = orders.filter((a) => a.at + a.ms >= killedAt && a.at <= killedAt + 15_000);
    const stats = (list: Answer[]) =>
      `p50 ${percentile(
        list.map((a) => a.ms),
        50,
      )} ms, p99 ${percentile(
        list.map((a) => a.ms),
        99,
      )} ms, ` + `max ${Math.max(0, ...list.map((a) => a.ms))} ms`;
    const byStatus = (list: Answer[]) =>
      Object.entries(
        list.reduce<Record<string, number>>((n, a) => ((n[a.status] = (n[a.status] ?? 0) + 1), n), {}),
      )
        .map(([status, n]) => `${status}: ${n}`)
        .join(', ');
    console.log(
      [
        `${answers.length} requests in ${LOAD_MS / 1000} s by ${SHOPPERS} shoppers; ${ordersIds[0]} SIGKILLed at ${killedAt} ms`,
        `checkout requests: ${orders.length} (${byStatus(orders)}); ${stats(orders)}`,
        `checkout requests answered from the kill to 15 s after it: ${duringKill.length}; ${stats(duringKill)}`,
        `add-to-cart requests: ${answers.length - orders.length}; ${stats(answers.filter((a) => a.kind === 'add'))}`,
        `slowest answers: ${[...answers]
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 5)
          .map((a) => `${a.kind} ${a.status} ${a.ms} ms "${a.message ?? ''}"`)
          .join(' | ')}`,
      ].join('\n'),
    );

    expect(late).toEqual([]);
    expect(problems).toEqual([]);
    // Every 5xx is a 503 with Retry-After; one that names no failed order says a retry with the key is safe.
    const unclear = answers.filter(
      (a) =>
        a.status >= 500 &&
        (a.status !== 503 ||
          !/^\d+$/.test(a.retryAfter ?? '') ||
          (!a.failedOrder && !/same Idempotency-Key is safe/.test(a.message ?? ''))),
    );
    if (unclear.length > 0) console.log(cluster.diagnostics(4000));
    expect(unclear).toEqual([]);
    expect(orders.filter((a) => a.status === 201).length).toBeGreaterThan(50);

    // Afterwards: every saga terminal, no oversell, and each cart holds exactly its lines.
    const ids = products.map((p) => p.id);
    await waitFor(
      async () =>
        (
          (await db.query(`SELECT count(*)::int AS n FROM orders.orders WHERE status = 'PLACED'`)) as {
            n: number;
          }[]
        )[0].n === 0 || undefined,
      'every saga to reach a terminal state',
      30_000,
      250,
    );
    const sold = (await db.query(
      `SELECT i->>'productId' AS product_id, sum((i->>'quantity')::int)::int AS units
         FROM orders.orders o, jsonb_array_elements(o.items) i
        WHERE o.status <> 'FAILED' GROUP BY 1`,
    )) as { product_id: string; units: number }[];
    const soldOf = new Map(sold.map((r) => [r.product_id, r.units]));
    for (const id of ids) expect((await stockOf(cluster, id)).onHand).toBe(10_000 - (soldOf.get(id) ?? 0));
    const [{ charged }] = (await db.query(
      `SELECT count(*)::int AS charged FROM payment.payments p JOIN orders.orders o ON o.id = p.order_id
        WHERE o.status = 'FAILED' AND p.status = 'AUTHORIZED'`,
    )) as { charged: number }[];
    expect(charged).toBe(0);
    for (const shopper of shoppers)
      expect(await holdsOf(db, shopper.userId)).toEqual(await cartLines(api, shopper.token));
    const resumed = (await db.query(
      `SELECT count(DISTINCT order_id)::int AS n FROM ${TIMELINE_ROWS} t WHERE step = 'SAGA_RESUMED'`,
    )) as { n: number }[];
    console.log(`orders resumed or compensated after the kill: ${resumed[0].n}`);
  });
});
