import { randomUUID } from 'node:crypto';
import { OrderDto, QueueMetricsDto, SIMULATED_TEST_CARDS } from '@shop/contracts';
import { Api } from '../lib/http';
import { closedLoop, withCpu } from '../lib/load';
import {
  freeConnections,
  hasPgbench,
  nodePgTransactions,
  pgbenchInit,
  pgbenchTps,
} from '../lib/postgres-rate';
import { sleep } from '../lib/processes';
import { stockUp } from '../lib/stock';
import { round, summarize } from '../lib/stats';
import { Scenario, ScenarioContext } from './scenario';

const NAME = 'checkout';
const ADMIN = { email: 'admin@shop.local', password: 'Admin123!' };
const VIP = { email: 'vip@shop.local', password: 'Vip12345!' };
const BUYER_COUNTS = [16, 64];
const BACKLOG = 2000;
const VIP_ORDERS = 20;
const VIP_INTERVAL_MS = 1000;
const PRODUCTS = 20;
/**
 * The checkout path crosses five processes, each with its own JIT and per-connection statement plans, which
 * take longer to warm up than the 2 s default: a shorter warm-up measures the warm-up itself, and a
 * checkout-only run would report less than the same build running checkout after the other scenarios.
 */
const CHECKOUT_WARMUP_S = 8;

/** Statuses an order reaches once confirmed (stock deducted, payment authorized). */
const CONFIRMED = new Set(['PENDING', 'PROCESSING', 'COMPLETED']);

/**
 * Checkout throughput from request to confirmed order at 16 and 64 concurrent buyers, beside
 * a raw PostgreSQL transaction rate measured in the same run; then the wait of VIP orders in the queue
 * while at least 2,000 normal orders are queued.
 */
export const checkoutScenario: Scenario = {
  name: NAME,
  title: 'Checkout to a confirmed order, and VIP queue wait behind a normal backlog',
  async run(ctx: ScenarioContext): Promise<void> {
    const { system, report, args } = ctx;
    const api = new Api(system.gatewayUrl);
    if (!(await api.routeExists('POST', '/api/orders'))) {
      report.skip(NAME, 'POST /api/orders is not available (404)');
      return;
    }
    const admin = await api.login(ADMIN.email, ADMIN.password);
    const productIds = await stockUp(api, admin, PRODUCTS);

    // Raw PostgreSQL rate first, while the cluster is idle. The server is shared (every service keeps a
    // pool), so a client count above the free connections is lowered and the label says so.
    const pg: Record<number, number> = {};
    try {
      const usePgbench = await hasPgbench();
      if (usePgbench) await pgbenchInit(system.databaseUrl);
      for (const wanted of BUYER_COUNTS) {
        const clients = Math.max(1, Math.min(wanted, (await freeConnections(system.databaseUrl)) - 10));
        pg[wanted] = usePgbench
          ? await pgbenchTps(system.databaseUrl, clients, args.durationS)
          : report.load(NAME, await nodePgTransactions(system.databaseUrl, clients, args.durationS)).rps;
        report.figure({
          scenario: NAME,
          name: `raw PostgreSQL ${usePgbench ? 'pgbench -N' : 'node-postgres'} tx/s (${clients} clients)`,
          value: round(pg[wanted], 0),
          unit: 'tx/s',
          note: clients < wanted ? `${wanted} wanted; only ${clients} connections free` : undefined,
        });
        if (clients < wanted)
          report.note(
            NAME,
            `PostgreSQL baseline for ${wanted} buyers ran with ${clients} clients (connections free)`,
          );
      }
    } catch (err) {
      report.note(
        NAME,
        `raw PostgreSQL baseline failed: ${(err as Error).message.replace(/\s+/g, ' ').slice(0, 300)}`,
      );
    }

    const buyers = await api.registerShoppers(Math.max(...BUYER_COUNTS), 'buyer');
    let placedCount = 0;
    let polls = 0;
    /**
     * Places an order. A checkout still running at the request's deadline answers 503 naming it
     * (`orderInProgress`); the same key asked again returns its outcome.
     */
    const placeOrder = async (token: string, productId: string): Promise<OrderDto> => {
      const key = randomUUID();
      for (;;) {
        const res = await api.call<OrderDto>('POST', '/api/orders', {
          token,
          headers: { 'Idempotency-Key': key },
          body: { items: [{ productId, quantity: 1 }], cardNumber: SIMULATED_TEST_CARDS.approve },
        });
        if (res.status === 201 || res.status === 200) return res.body;
        const body = res.body as unknown as { code?: string; message?: string; details?: object };
        if (res.status === 503 && body.details && 'orderInProgress' in body.details) {
          polls++;
          continue;
        }
        throw new Error(`${res.status} ${body?.code ?? ''} ${body?.message ?? ''}`.trim());
      }
    };
    const checkout = async (token: string, productId: string): Promise<void> => {
      const order = await placeOrder(token, productId);
      placedCount++;
      if (!CONFIRMED.has(order.status)) throw new Error(`${order.status}: ${order.failureReason ?? ''}`);
    };

    // Warm-up (JIT, connection pools, the balancer's view) without recording, as the other scenarios do.
    await closedLoop({
      label: 'warm-up',
      concurrency: Math.max(...BUYER_COUNTS),
      durationS: Math.max(args.warmupS, CHECKOUT_WARMUP_S),
      operation: (worker, seq) => checkout(buyers[worker].token, productIds[seq % productIds.length]),
    });
    placedCount = 0;
    polls = 0;

    for (const n of BUYER_COUNTS) {
      const result = report.load(
        NAME,
        await withCpu(
          system.pids('gateway', 'auth', 'inventory', 'orders', 'payment', 'notification', 'smtp-sink'),
          () =>
            closedLoop({
              label: `checkout to confirmed (${n} buyers)`,
              concurrency: n,
              durationS: args.durationS,
              operation: (worker, seq) => checkout(buyers[worker].token, productIds[seq % productIds.length]),
            }),
        ),
      );
      report.figure({
        scenario: NAME,
        name: `confirmed orders/s (${n} buyers)`,
        value: result.rps,
        unit: 'orders/s',
        target: { op: '>=', value: 150 },
      });
      report.figure({
        scenario: NAME,
        name: `checkout p50 (${n} buyers)`,
        value: result.latency.p50,
        unit: 'ms',
      });
      report.figure({
        scenario: NAME,
        name: `checkout p99 (${n} buyers)`,
        value: result.latency.p99,
        unit: 'ms',
      });
      report.figure({
        scenario: NAME,
        name: `orders/s ÷ raw PostgreSQL tx/s (${n})`,
        value: pg[n] ? round((result.rps / pg[n]) * 100, 1) : null,
        unit: '%',
      });
    }

    report.note(
      NAME,
      `checkouts asked again with the same key (still running at the deadline) per placed order: ${placedCount ? round(polls / placedCount, 2) : 0}`,
    );
    await vipWait(ctx, api, admin, productIds, buyers, placeOrder);
  },
};

/**
 * Tops the normal queue up to 2,000 waiting orders, then the demo VIP shopper places one order a second;
 * each VIP order's wait is processingStartedAt − confirmedAt, read from GET /api/orders/:id.
 */
async function vipWait(
  ctx: ScenarioContext,
  api: Api,
  admin: string,
  productIds: string[],
  buyers: { token: string }[],
  placeOrder: (token: string, productId: string) => Promise<OrderDto>,
): Promise<void> {
  const { report } = ctx;
  const metrics = async () => {
    const res = await api.call<QueueMetricsDto>('GET', '/api/orders/queues', { token: admin });
    return res.status === 200 ? res.body : undefined;
  };
  const depth = (m: QueueMetricsDto | undefined, priority: 'vip' | 'normal') =>
    m?.queues.find((q) => q.priority === priority)?.depth ?? 0;
  if (!(await metrics())) {
    report.skip(`${NAME}/vip-wait`, 'GET /api/orders/queues is not available');
    return;
  }

  console.log(`  filling the normal queue to ${BACKLOG} orders...`);
  const fillUntil = Date.now() + 120_000;
  let seq = 0;
  while (depth(await metrics(), 'normal') < BACKLOG && Date.now() < fillUntil) {
    await Promise.all(
      buyers.map((b) => placeOrder(b.token, productIds[seq++ % productIds.length]).catch(() => undefined)),
    );
  }
  const before = await metrics();
  if (depth(before, 'normal') < BACKLOG) {
    report.note(NAME, `normal backlog reached only ${depth(before, 'normal')} orders within 2 minutes`);
  }

  const vip = await api.login(VIP.email, VIP.password);
  const placed: OrderDto[] = [];
  for (let i = 0; i < VIP_ORDERS; i++) {
    const started = Date.now();
    placed.push(await placeOrder(vip, productIds[i % productIds.length]));
    await sleep(Math.max(0, VIP_INTERVAL_MS - (Date.now() - started)));
  }
  const waits: number[] = [];
  const until = Date.now() + 30_000;
  for (const order of placed) {
    let o = order;
    while (!o.processingStartedAt && Date.now() < until) {
      await sleep(100);
      o = await api.ok<OrderDto>('GET', `/api/orders/${order.id}`, { token: vip });
    }
    if (o.processingStartedAt && o.confirmedAt)
      waits.push(Date.parse(o.processingStartedAt) - Date.parse(o.confirmedAt));
  }
  const after = await metrics();
  const s = summarize(waits);
  report.figure({ scenario: NAME, name: 'VIP queue wait p50', value: s.p50, unit: 'ms' });
  report.figure({
    scenario: NAME,
    name: 'VIP queue wait p99',
    value: waits.length > 0 ? s.p99 : null,
    unit: 'ms',
    target: { op: '<=', value: 100 },
  });
  report.figure({
    scenario: NAME,
    name: 'normal backlog when VIP orders began',
    value: depth(before, 'normal'),
    unit: 'orders',
  });
  report.figure({
    scenario: NAME,
    name: 'normal backlog after',
    value: depth(after, 'normal'),
    unit: 'orders',
  });
  report.note(
    NAME,
    `VIP wait = processingStartedAt − confirmedAt of ${waits.length}/${VIP_ORDERS} VIP orders placed one ` +
      `every ${VIP_INTERVAL_MS} ms; queue metrics after: ${JSON.stringify(after?.queues ?? [])}`,
  );
  report.extra.queueMetrics = { before, after };
}
