import { DataSource } from 'typeorm';
import { OrdersRpc, QueueMetricsDto } from '@shop/contracts';
import { createContext } from '@shop/common';
import { TestCluster, randomSuffix, waitFor } from '@shop/testing';
import { OrderQueued } from '../src/queue/order-queued.broadcast';
import { SCRIPTS, openDatabase } from './orders-harness';
import { TIMELINE_ROWS } from './timeline-rows';

jest.setTimeout(180_000);

const BACKLOG = 2000;
const FULFILMENT_MS = 40;

/**
 * The durable VIP/normal queues with two real orders instances. The 2,000-order normal backlog is inserted
 * straight into the tables exactly as the saga's confirm step writes them (a PENDING order plus its queue row)
 * instead of through 2,000 checkouts: the claim, weighting and completion mechanism under test is the same.
 */
describe('priority queues (2 real orders instances)', () => {
  let cluster: TestCluster;
  let db: DataSource;
  let instanceIds: string[];

  beforeAll(async () => {
    cluster = await TestCluster.start({
      database: true,
      env: {
        LOG_LEVEL: 'warn',
        ORDER_FULFILMENT_MS: String(FULFILMENT_MS),
        QUEUE_VIP_WORKERS: '1',
        QUEUE_SHARED_WORKERS: '4',
      },
    });
    const tag = randomSuffix(2);
    instanceIds = [`orders-1-${tag}`, `orders-2-${tag}`];
    await Promise.all(
      instanceIds.map((instanceId) =>
        cluster.startInstance({
          service: 'orders',
          script: SCRIPTS.orders,
          instanceId,
          readyTimeoutMs: 90_000,
        }),
      ),
    );
    db = await openDatabase(cluster.database!.url);
  }, 240_000);

  afterAll(async () => {
    await db?.destroy();
    await cluster?.teardown();
  });

  /** Queues `count` confirmed orders of `priority` as the confirm step does, and wakes the workers. */
  async function enqueue(priority: 'vip' | 'normal', count: number, tag: string): Promise<void> {
    await db.query(
      `WITH o AS (
         INSERT INTO orders.orders (id, user_id, email, priority, status, saga_step, idempotency_key, request_hash,
           items, correlation_id, confirmed_at)
         SELECT gen_random_uuid(), $1, $1 || '@shop.local', $2, 'PENDING', 'CONFIRMED', $3 || g, 'test', '[]', $3 || g,
           clock_timestamp()
           FROM generate_series(1, $4::int) g RETURNING id, priority, confirmed_at)
       INSERT INTO orders.order_queue (order_id, priority, enqueued_at) SELECT id, priority, confirmed_at FROM o`,
      [`${priority}-shopper`, priority, `${tag}-`, count],
    );
    cluster.observer.broadcasts.publish(OrderQueued, { orderId: tag, priority }, createContext());
  }

  const completed = async (priority: string): Promise<number> =>
    (
      (await db.query(
        `SELECT count(*)::int AS n FROM orders.orders WHERE priority = $1 AND status = 'COMPLETED'`,
        [priority],
      )) as { n: number }[]
    )[0].n;

  const metrics = () =>
    cluster.observer.client.call(
      OrdersRpc.queueMetrics,
      {},
      createContext({ deadline: Date.now() + 5000 }),
    ) as Promise<QueueMetricsDto>;

  it('serves VIP orders first within the 4:1 weights while the normal backlog still progresses', async () => {
    await enqueue('normal', BACKLOG, 'backlog');
    await waitFor(
      async () => (await completed('normal')) >= 100 || undefined,
      'the normal backlog to start moving',
      20_000,
      50,
    );
    const normalBefore = await completed('normal');

    const vipQueuedAt = new Date();
    await enqueue('vip', 100, 'vip-a');
    await waitFor(
      async () => (await completed('vip')) === 100 || undefined,
      'every VIP order to complete',
      30_000,
      50,
    );
    const normalAfter = await completed('normal');

    // VIP overtook the backlog: all 100 done while most normal orders still wait.
    expect(normalAfter).toBeLessThan(BACKLOG / 2);
    // Normal orders never starve: they kept being processed while VIP orders were served…
    expect(normalAfter).toBeGreaterThan(normalBefore);
    // …but VIP got the larger share (dedicated workers plus 4 of every 5 shared turns).
    expect(100).toBeGreaterThan((normalAfter - normalBefore) * 2);

    const m = await metrics();
    const vip = m.queues.find((q) => q.priority === 'vip')!;
    const normal = m.queues.find((q) => q.priority === 'normal')!;
    expect(vip.depth).toBe(0);
    expect(normal.depth + normal.processing).toBeGreaterThan(0);
    expect(vip.completedLastMinute).toBe(100);
    expect(vip.avgWaitMs).toBeGreaterThan(0);
    // The VIP orders overtook the normal orders that were already waiting when they arrived: those that
    // started during the VIP rush had waited longer, on average, than the VIP orders did.
    const [overtaken] = (await db.query(
      `SELECT avg(extract(epoch FROM processing_started_at - confirmed_at) * 1000)::float8 AS ms, count(*)::int AS n
         FROM orders.orders WHERE priority = $1 AND processing_started_at >= $2`,
      ['normal', vipQueuedAt],
    )) as { ms: number; n: number }[];
    expect(overtaken.n).toBeGreaterThan(0);
    expect(vip.avgWaitMs).toBeLessThan(overtaken.ms);
    expect(m.weights).toEqual({ vipWeight: 4, normalWeight: 1, strict: false });

    // Both instances' workers took work, and no order was fulfilled twice.
    const byInstance = (await db.query(
      `SELECT instance_id, count(*)::int AS n FROM ${TIMELINE_ROWS} t WHERE step = 'COMPLETED' GROUP BY instance_id`,
    )) as { instance_id: string; n: number }[];
    expect(byInstance.map((r) => r.instance_id).sort()).toEqual([...instanceIds].sort());
    const [{ dupes }] = (await db.query(
      `SELECT count(*)::int AS dupes FROM (SELECT order_id FROM ${TIMELINE_ROWS} t WHERE step = 'COMPLETED'
        GROUP BY order_id HAVING count(*) > 1) d`,
    )) as { dupes: number }[];
    expect(dupes).toBe(0);
  });

  it('applies strict priority changed at runtime: no normal order starts while VIP orders wait', async () => {
    await cluster.observer.config.update('e2e', (config) => {
      config.priority = { vipWeight: 4, normalWeight: 1, strict: true };
      return 'strict priority';
    });
    await waitFor(
      async () => (await metrics()).weights.strict || undefined,
      'strict mode to reach the orders instances',
      5000,
    );
    const started = new Date();
    await enqueue('vip', 60, 'vip-b');
    await waitFor(
      async () =>
        (
          (await db.query(`SELECT count(*)::int AS n FROM orders.order_queue WHERE priority = 'vip'`)) as {
            n: number;
          }[]
        )[0].n === 0 || undefined,
      'the VIP queue to drain',
      30_000,
      50,
    );
    const [{ lastVipStart }] = (await db.query(
      `SELECT max(processing_started_at) AS "lastVipStart" FROM orders.orders WHERE idempotency_key LIKE 'vip-b-%'`,
    )) as { lastVipStart: Date }[];
    const [{ normalStarted }] = (await db.query(
      `SELECT count(*)::int AS "normalStarted" FROM orders.orders
        WHERE priority = 'normal' AND processing_started_at > $1 AND processing_started_at < $2`,
      [started, lastVipStart],
    )) as { normalStarted: number }[];
    // At most the claims already racing the VIP insert (one per shared worker of each instance).
    expect(normalStarted).toBeLessThanOrEqual(8);

    await cluster.observer.config.update('e2e', (config) => {
      config.priority = { vipWeight: 4, normalWeight: 1, strict: false };
      return 'weighted priority';
    });
    // The backlog still drains completely afterwards.
    await waitFor(
      async () => (await completed('normal')) === BACKLOG || undefined,
      'the normal backlog to drain',
      60_000,
      200,
    );
  });
});
