import { GATEWAY_SCRIPT, TestCluster, freePort } from '@shop/testing';

/** The built entry point of each service a browser test starts. */
export const SERVICE_SCRIPTS = {
  inventory: 'backend/inventory/src/main.js',
  auth: 'backend/auth/src/main.js',
  cart: 'backend/cart/src/main.js',
  payment: 'backend/payment/src/main.js',
  orders: 'backend/orders/src/main.js',
  /** E-mail for order events and the log store behind GET /api/logs. */
  notification: 'backend/notification/src/main.js',
} as const;
export type ShopService = keyof typeof SERVICE_SCRIPTS;

export interface ShopCluster {
  cluster: TestCluster;
  /** The gateway, which also serves the built storefront and admin console. */
  baseUrl: string;
}

/**
 * A cluster for a browser test, on a fresh database and a unique subject prefix: the gateway on a free port,
 * inventory first (it owns the seed; one instance per id in `inventoryIds`, or one), then the other
 * `services` at once, orders last, so a busy machine is not swamped. Quiet logs, fast password hashing and no
 * rate limit in the way; `env` adds to that. When a start fails, the cluster is torn down and the error
 * carries its diagnostics.
 */
export async function startShop(opts: {
  services: Exclude<ShopService, 'inventory'>[];
  inventoryIds?: string[];
  env?: Record<string, string>;
}): Promise<ShopCluster> {
  const cluster = await TestCluster.start({
    database: true,
    env: {
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'browser-test-secret-0123456789abcdef',
      BCRYPT_COST: '4',
      RATE_LIMIT_PER_MINUTE: '100000',
      ...opts.env,
    },
  });
  try {
    const port = await freePort();
    const start = (service: ShopService, instanceId?: string) =>
      cluster.startInstance({
        service,
        instanceId,
        script: SERVICE_SCRIPTS[service],
        readyTimeoutMs: 90_000,
      });
    await Promise.all([
      ...(opts.inventoryIds ?? [undefined]).map((id) => start('inventory', id)),
      cluster.startInstance({
        service: 'gateway',
        script: GATEWAY_SCRIPT,
        env: { PORT: String(port) },
        readyTimeoutMs: 90_000,
      }),
    ]);
    await Promise.all(opts.services.filter((s) => s !== 'orders').map((s) => start(s)));
    if (opts.services.includes('orders')) await start('orders');
    return { cluster, baseUrl: `http://127.0.0.1:${port}` };
  } catch (err) {
    const diagnostics = cluster.diagnostics();
    await cluster.teardown();
    throw new Error(`${(err as Error).message}\n${diagnostics}`);
  }
}
