import { DataSource } from 'typeorm';
import {
  AuthTokens,
  CartDto,
  DEMO_ACCOUNTS,
  InventoryRpc,
  ProductDto,
  StockLevel,
  cartReservationOwner,
} from '@shop/contracts';
import { createContext } from '@shop/common';
import {
  ChildInstance,
  StartedGateway,
  TestCluster,
  builtScript,
  freePort,
  randomSuffix,
  REPO_ROOT,
} from '@shop/testing';

export const SCRIPTS = {
  auth: 'backend/auth/src/main.js',
  inventory: 'backend/inventory/src/main.js',
  cart: 'backend/cart/src/main.js',
  payment: 'backend/payment/src/main.js',
  orders: 'backend/orders/src/main.js',
  notification: 'backend/notification/src/main.js',
  smtpSink: 'backend/notification/src/smtp-sink.js',
} as const;

export const CARDS = {
  approve: '4242424242424242',
  decline: '4000000000000002',
  insufficientFunds: '4000000000009995',
  slow: '4000000000000077',
  providerError: '4000000000000119',
} as const;

export interface Shoppers {
  vip: string;
  normal: string;
  admin: string;
}

/** Signs the demo accounts in through the real gateway and auth service. */
export async function signInDemoAccounts(gateway: StartedGateway): Promise<Shoppers> {
  const token = async (label: string) => {
    const account = DEMO_ACCOUNTS.find((a) => a.label === label)!;
    const res = await fetch(`${gateway.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: account.email, password: account.password }),
    });
    if (res.status !== 200) throw new Error(`login ${account.email}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as AuthTokens).accessToken;
  };
  return { vip: await token('VIP shopper'), normal: await token('shopper'), admin: await token('admin') };
}

export interface HttpAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** A small JSON client of the real gateway. */
export class Api {
  constructor(readonly baseUrl: string) {}

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<HttpAnswer<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, headers: res.headers };
  }

  placeOrder(token: string, key: string | undefined, body: unknown, path = '/api/orders') {
    return this.request('POST', path, { token, body, headers: key ? { 'idempotency-key': key } : {} });
  }
}

/** Sets a product's on-hand stock (through inventory's admin method, with its version). */
export async function setStock(cluster: TestCluster, productId: string, onHand: number): Promise<StockLevel> {
  const ctx = () => createContext({ deadline: Date.now() + 10_000 });
  const { product } = await cluster.observer.client.call(InventoryRpc.getProduct, { id: productId }, ctx());
  return cluster.observer.client.call(
    InventoryRpc.updateStock,
    { productId, onHand, expectedVersion: product.version, lowStockThreshold: 0 },
    ctx(),
  );
}

export async function stockOf(cluster: TestCluster, productId: string): Promise<StockLevel> {
  const all = await cluster.observer.client.call(
    InventoryRpc.listStock,
    {},
    createContext({ deadline: Date.now() + 10_000 }),
  );
  return all.find((s) => s.productId === productId)!;
}

export async function someProducts(cluster: TestCluster, count: number): Promise<ProductDto[]> {
  const page = await cluster.observer.client.call(
    InventoryRpc.listProducts,
    { pageSize: count, sort: 'name' },
    createContext({ deadline: Date.now() + 10_000 }),
  );
  return page.items;
}

/** Starts the local SMTP sink on a free port; resolves with its process and SMTP_URL. */
export async function startSmtpSink(cluster: TestCluster): Promise<{ sink: ChildInstance; smtpUrl: string }> {
  const port = await freePort();
  const sink = ChildInstance.spawn({
    name: `smtp-sink-${cluster.prefix}`,
    script: builtScript(SCRIPTS.smtpSink),
    cwd: REPO_ROOT,
    env: cluster.env({ SMTP_SINK_PORT: String(port) }),
  });
  await sink.waitForLine(/SMTP sink listening/, 20_000);
  return { sink, smtpUrl: `smtp://127.0.0.1:${port}` };
}

export async function openDatabase(url: string): Promise<DataSource> {
  return new DataSource({ type: 'postgres', url, poolSize: 4 }).initialize();
}

/** Registers a fresh shopper through the gateway; resolves with its access token and user id. */
export async function registerShopper(api: Api, label: string): Promise<{ token: string; userId: string }> {
  const res = await api.request<AuthTokens>('POST', '/api/auth/register', {
    body: { email: `${label}-${randomSuffix(6)}@e2e.test`, password: 'Secret123!' },
  });
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`register ${label}: ${res.status} ${JSON.stringify(res.body)}`);
  const token = res.body.accessToken;
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sub: string };
  return { token, userId: claims.sub };
}

/** The shopper's cart lines as product → quantity (GET /api/cart). */
export async function cartLines(api: Api, token: string): Promise<Record<string, number>> {
  const res = await api.request<CartDto>('GET', '/api/cart', { token });
  if (res.status !== 200) throw new Error(`GET /api/cart: ${res.status} ${JSON.stringify(res.body)}`);
  return Object.fromEntries(res.body.items.map((i) => [i.productId, i.quantity]));
}

/** The shopper's active holds in inventory as product → quantity (straight from its table). */
export async function holdsOf(db: DataSource, userId: string): Promise<Record<string, number>> {
  const rows = (await db.query(
    `SELECT product_id, quantity FROM inventory.reservations WHERE owner_id = $1 AND expires_at > now()`,
    [cartReservationOwner(userId)],
  )) as { product_id: string; quantity: number }[];
  return Object.fromEntries(rows.map((r) => [r.product_id, r.quantity]));
}
