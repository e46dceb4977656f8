import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OrderDto, OrdersRpc, PlaceOrderRequest } from '@shop/contracts';
import { AppError } from '@shop/common';
import { InProcessModule, TestCluster, closeAll } from '@shop/testing';
import { FakeShop } from './fake-shop';
import { TIMELINE_ROWS } from './timeline-rows';

/** The orders module started in the test process, with the DataSource class of its own load. */
export type OrdersInstance = InProcessModule<{ DataSource: typeof DataSource }>;

/**
 * Starts the real orders module (`OrdersModule`) in this process as instance `instanceId` of the cluster's
 * prefix and database. Fulfilment workers are off, so a confirmed order stays PENDING in its queue.
 */
export function startOrders(
  cluster: TestCluster,
  instanceId: string,
  env: Record<string, string> = {},
): Promise<OrdersInstance> {
  return InProcessModule.start({
    env: {
      NATS_URL: cluster.natsUrl,
      SUBJECT_PREFIX: cluster.prefix,
      DATABASE_URL: cluster.database!.url,
      INSTANCE_ID: instanceId,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
      HEARTBEAT_MS: '100',
      QUEUE_VIP_WORKERS: '0',
      QUEUE_SHARED_WORKERS: '0',
      ...env,
    },
    // Loaded inside the start's own module registry (a relative import() would need an extension here).
    load: async () => ({
      module: jest.requireActual<typeof import('../src/app.module')>('../src/app.module').OrdersModule,
      extra: { DataSource: (await import('typeorm')).DataSource },
    }),
  });
}

/**
 * Stops an instance as a crash would: its database connections go first, so nothing it does afterwards (an
 * RPC failing as its connection closes, a heartbeat) can change the database; then it leaves the cluster.
 */
export async function crash(orders: OrdersInstance): Promise<void> {
  await orders.get(orders.extra.DataSource).destroy();
  await orders.close();
}

/** What `ordersFlowWorld` sets up for a `describe` block; the fields are there once its `beforeAll` has run. */
export interface OrdersFlowWorld {
  cluster: TestCluster;
  shop: FakeShop;
  tables: OrdersTables;
  /** Starts an orders instance (see `startOrders`) that the block's `afterAll` stops. */
  start(instanceId: string, env?: Record<string, string>): Promise<OrdersInstance>;
}

/**
 * The set-up every flow test shares, registered as the calling `describe` block's `beforeAll` and `afterAll`:
 * a test cluster with its own subject prefix and database, the fake peers and the orders tables. `afterAll`
 * stops the orders instances started through `start`, then the peers, the tables and the cluster, also when a
 * test failed.
 */
export function ordersFlowWorld(): OrdersFlowWorld {
  const instances: OrdersInstance[] = [];
  const world = {
    async start(instanceId: string, env: Record<string, string> = {}): Promise<OrdersInstance> {
      const orders = await startOrders(world.cluster, instanceId, env);
      instances.push(orders);
      return orders;
    },
  } as OrdersFlowWorld;
  beforeAll(async () => {
    world.cluster = await TestCluster.start({ database: true });
    world.shop = await FakeShop.start(world.cluster.prefix);
    world.tables = await OrdersTables.open(world.cluster.database!.url);
  });
  afterAll(() =>
    closeAll(
      ...instances.map((orders) => () => orders.close()),
      () => world.shop?.stop(),
      () => world.tables?.close(),
      () => world.cluster?.teardown(),
    ),
  );
  return world;
}

export interface Shopper {
  userId: string;
  email: string;
}

export function newShopper(): Shopper {
  const userId = `shopper-${randomUUID()}`;
  return { userId, email: `${userId}@flow.test` };
}

/** The answer of placeOrder: the order, or the error it answered with. */
export type Placed = { order: OrderDto; error?: undefined } | { order?: undefined; error: AppError };

/**
 * Places an order on one orders instance through the NATS contract, as the gateway does for a signed-in
 * shopper (caller, Idempotency-Key, deadline).
 */
export async function placeOrder(
  cluster: TestCluster,
  instanceId: string,
  shopper: Shopper,
  req: PlaceOrderRequest,
  opts: { key?: string; deadlineMs?: number } = {},
): Promise<Placed> {
  try {
    const order = await cluster.observer.client.call(
      OrdersRpc.placeOrder,
      req,
      {
        correlationId: randomUUID(),
        caller: { ...shopper, role: 'customer', tier: 'normal', service: 'gateway' },
        idempotencyKey: opts.key ?? randomUUID(),
        deadline: Date.now() + (opts.deadlineMs ?? 20_000),
      },
      { instanceId },
    );
    return { order };
  } catch (err) {
    if (err instanceof AppError) return { error: err };
    throw err;
  }
}

export interface OrderRecord {
  id: string;
  status: string;
  saga_step: string;
  failure_code: string | null;
  failure_reason: string | null;
  retry_after_s: number | null;
  lease_owner: string | null;
  total_minor: string;
}

export interface TimelineRecord {
  step: string;
  outcome: string;
  instance_id: string;
  detail: string | null;
}

export interface OutboxRecord {
  type: string;
  payload: { orderId: string; status: string; totalMinor: number; reason?: string };
  published: boolean;
}

/** Reads what the orders service stored, straight from its tables. */
export class OrdersTables {
  private constructor(private readonly db: DataSource) {}

  static async open(url: string): Promise<OrdersTables> {
    return new OrdersTables(await new DataSource({ type: 'postgres', url, poolSize: 2 }).initialize());
  }

  async ordersOf(userId: string): Promise<OrderRecord[]> {
    return this.db.query(`SELECT * FROM orders.orders WHERE user_id = $1 ORDER BY created_at`, [userId]);
  }

  async order(id: string): Promise<OrderRecord> {
    const [row] = (await this.db.query(`SELECT * FROM orders.orders WHERE id = $1`, [id])) as OrderRecord[];
    if (!row) throw new Error(`No order ${id}`);
    return row;
  }

  async timeline(orderId: string): Promise<TimelineRecord[]> {
    return this.db.query(
      `SELECT step, outcome, instance_id, detail FROM ${TIMELINE_ROWS} t WHERE order_id = $1 ORDER BY n`,
      [orderId],
    );
  }

  async outbox(orderId: string): Promise<OutboxRecord[]> {
    return this.db.query(
      `SELECT type, payload, published_at IS NOT NULL AS published FROM orders.outbox
        WHERE payload->>'orderId' = $1 ORDER BY created_at`,
      [orderId],
    );
  }

  async queued(orderId: string): Promise<{ priority: string }[]> {
    return this.db.query(`SELECT priority FROM orders.order_queue WHERE order_id = $1`, [orderId]);
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}
