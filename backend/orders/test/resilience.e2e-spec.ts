import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OrderDto, OrdersRpc, PlaceOrderRequest } from '@shop/contracts';
import { AppError, RequestContext } from '@shop/common';
import { TestCluster, randomSuffix, waitFor } from '@shop/testing';
import { CARDS, SCRIPTS, openDatabase, setStock, someProducts, stockOf } from './orders-harness';
import { TIMELINE_ROWS } from './timeline-rows';

jest.setTimeout(240_000);

/**
 * Two orders, two inventory and one payment process. Shoppers are callers on the orders RPC contract (what the
 * gateway sends after verifying a token), so 500 concurrent checkouts cost no HTTP or auth work on the test
 * machine while everything from the orders service on is the real path.
 */
describe('checkout under contention and instance failure (real processes)', () => {
  let cluster: TestCluster;
  let db: DataSource;
  let ordersIds: string[];

  beforeAll(async () => {
    cluster = await TestCluster.start({
      database: true,
      env: { LOG_LEVEL: 'warn' },
    });
    const tag = randomSuffix(2);
    ordersIds = [`orders-1-${tag}`, `orders-2-${tag}`];
    await Promise.all([
      cluster.startInstance({
        service: 'inventory',
        script: SCRIPTS.inventory,
        instanceId: `inventory-1-${tag}`,
        readyTimeoutMs: 120_000,
      }),
      cluster.startInstance({ service: 'payment', script: SCRIPTS.payment, readyTimeoutMs: 120_000 }),
    ]);
    await Promise.all([
      cluster.startInstance({
        service: 'inventory',
        script: SCRIPTS.inventory,
        instanceId: `inventory-2-${tag}`,
        readyTimeoutMs: 120_000,
      }),
      ...ordersIds.map((instanceId) =>
        cluster.startInstance({
          service: 'orders',
          script: SCRIPTS.orders,
          instanceId,
          readyTimeoutMs: 120_000,
        }),
      ),
    ]);
    db = await openDatabase(cluster.database!.url);
  }, 300_000);

  afterAll(async () => {
    await db?.destroy();
    await cluster?.teardown();
  });

  const shopper = (userId = `shopper-${randomUUID()}`): RequestContext => ({
    correlationId: randomUUID(),
    caller: { userId, email: `${userId}@shop.local`, role: 'customer', tier: 'normal', service: 'gateway' },
    idempotencyKey: randomUUID(),
    deadline: Date.now() + 60_000,
  });

  const place = (req: PlaceOrderRequest, instanceId?: string) =>
    cluster.observer.client.call(OrdersRpc.placeOrder, req, shopper(), instanceId ? { instanceId } : {});

  /**
   * Like a real client: when the answer is lost in transport (timeout, no instance reachable on an overloaded
   * machine), it asks again with the same Idempotency-Key and gets the order's real outcome.
   */
  const placeWithRetry = async (req: PlaceOrderRequest): Promise<OrderDto> => {
    const ctx = shopper();
    for (let attempt = 1; ; attempt++) {
      try {
        return await cluster.observer.client.call(OrdersRpc.placeOrder, req, {
          ...ctx,
          deadline: Date.now() + 60_000,
        });
      } catch (err) {
        const transport = err instanceof AppError && ['UNAVAILABLE', 'TIMEOUT'].includes(err.code);
        if (!transport || attempt >= 5) throw err;
        await new Promise((r) => setTimeout(r, 500 * attempt));
      }
    }
  };

  it('confirms exactly 50 of 500 concurrent orders for 50 units and fails every other one cleanly', async () => {
    const [product] = await someProducts(cluster, 1);
    await setStock(cluster, product.id, 50);
    const outcomes = await Promise.all(
      Array.from({ length: 500 }, () =>
        placeWithRetry({ items: [{ productId: product.id, quantity: 1 }], cardNumber: CARDS.approve }).then(
          (order: OrderDto) => ({ ok: true as const, order }),
          (err: unknown) => ({ ok: false as const, err: err as AppError }),
        ),
      ),
    );
    const confirmed = outcomes.filter((o) => o.ok);
    const failed = outcomes.filter((o) => !o.ok);
    expect(confirmed).toHaveLength(50);
    // Every refusal is a clear business answer (sold out, or high traffic: retry) naming its order.
    for (const f of failed) {
      expect(f.err).toBeInstanceOf(AppError);
      expect(['OUT_OF_STOCK', 'BUSY']).toContain(f.err.code);
      expect(f.err.details?.orderId).toEqual(expect.any(String));
    }
    const stock = await stockOf(cluster, product.id);
    expect(stock.onHand).toBe(0);
    expect(stock.available).toBe(0);
    const rows = (await db.query(
      `SELECT status, count(*)::int AS n FROM orders.orders WHERE items @> $1::jsonb GROUP BY status`,
      [JSON.stringify([{ productId: product.id }])],
    )) as { status: string; n: number }[];
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    expect(byStatus.FAILED).toBe(450);
    expect((byStatus.PENDING ?? 0) + (byStatus.PROCESSING ?? 0) + (byStatus.COMPLETED ?? 0)).toBe(50);
    const [{ charged }] = (await db.query(
      `SELECT count(*)::int AS charged FROM payment.payments WHERE status = 'AUTHORIZED' AND order_id = ANY($1::uuid[])`,
      [confirmed.map((c) => c.ok && c.order.id)],
    )) as { charged: number }[];
    expect(charged).toBe(50);
    // Both orders instances took part.
    const instances = (await db.query(
      `SELECT DISTINCT instance_id FROM ${TIMELINE_ROWS} t JOIN orders.orders o ON o.id = t.order_id
        WHERE t.step = 'ORDER_PLACED' AND o.items @> $1::jsonb`,
      [JSON.stringify([{ productId: product.id }])],
    )) as { instance_id: string }[];
    expect(instances.map((i) => i.instance_id).sort()).toEqual([...ordersIds].sort());
  });

  it('finishes or compensates the sagas of a killed orders instance within 30 s', async () => {
    const [, product] = await someProducts(cluster, 2);
    await setStock(cluster, product.id, 30);
    const victim = ordersIds[0];
    // The slow test card holds every saga in its payment step for 3 s.
    const pending = Array.from({ length: 10 }, () =>
      place({ items: [{ productId: product.id, quantity: 1 }], cardNumber: CARDS.slow }, victim).catch(
        () => undefined,
      ),
    );
    await waitFor(
      async () =>
        (
          (await db.query(
            `SELECT count(*)::int AS n FROM orders.orders WHERE saga_step = 'STOCK_DEDUCTED' AND items @> $1::jsonb`,
            [JSON.stringify([{ productId: product.id }])],
          )) as { n: number }[]
        )[0].n === 10 || undefined,
      'ten sagas to wait in their payment step',
      20_000,
      20,
    );
    cluster.instance(victim).kill('SIGKILL');
    await cluster.instance(victim).exited;

    const settled = await waitFor(
      async () => {
        const rows = (await db.query(
          `SELECT id, status, lease_owner FROM orders.orders WHERE items @> $1::jsonb`,
          [JSON.stringify([{ productId: product.id }])],
        )) as { id: string; status: string }[];
        return rows.length === 10 && rows.every((r) => r.status !== 'PLACED') ? rows : undefined;
      },
      // The requirement itself: lease (10 s) + sweep (2 s) + the step keep this well inside 30 s.
      'every saga of the killed instance to reach a terminal state within 30 s',
      30_000,
      200,
    );
    await Promise.all(pending);

    const confirmed = settled.filter((r) => r.status !== 'FAILED').length;
    // Stock matches the outcome: confirmed orders hold one unit each, failed ones gave theirs back.
    expect((await stockOf(cluster, product.id)).onHand).toBe(30 - confirmed);
    const resumed = (await db.query(
      `SELECT DISTINCT instance_id FROM ${TIMELINE_ROWS} t WHERE step = 'SAGA_RESUMED' AND order_id = ANY($1::uuid[])`,
      [settled.map((r) => r.id)],
    )) as { instance_id: string }[];
    expect(resumed.map((r) => r.instance_id)).toEqual([ordersIds[1]]);
    // No failed order keeps a charge.
    const [{ charged }] = (await db.query(
      `SELECT count(*)::int AS charged FROM payment.payments p JOIN orders.orders o ON o.id = p.order_id
        WHERE o.status = 'FAILED' AND p.status = 'AUTHORIZED' AND o.id = ANY($1::uuid[])`,
      [settled.map((r) => r.id)],
    )) as { charged: number }[];
    expect(charged).toBe(0);
  });
});
