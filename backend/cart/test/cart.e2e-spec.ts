import { DataSource } from 'typeorm';
import {
  ApiErrorBody,
  AuthTokens,
  CartDto,
  CartRpc,
  DEMO_ACCOUNTS,
  ErrorCode,
  InventoryRpc,
  ProductDto,
  ProductPage,
  StockLevel,
  cartReservationOwner,
} from '@shop/contracts';
import { AppError } from '@shop/common';
import { GATEWAY_SCRIPT, TestCluster, freePort, randomSuffix, waitFor } from '@shop/testing';
import {
  AUTH_SCRIPT,
  CART_SCRIPT,
  INVENTORY_SCRIPT,
  call,
  callOn,
  openDatabase,
} from '../../inventory/test/inventory-harness';

jest.setTimeout(180_000);

const JWT_SECRET = 'e2e-cart-secret-0123456789abcdef0123';

interface HttpResult<T> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * The shopper's path over HTTP: a real gateway, a real auth service (real sessions), three inventory and
 * two cart processes on one fresh database. Anonymous browsing, 200 shoppers racing for 50 units, cart
 * changes adjusting reservations, error statuses, reservation expiry, and a stale cart view when inventory hangs.
 */
describe('cart and catalogue over HTTP (3 inventory, 2 cart instances)', () => {
  let cluster: TestCluster;
  let gateway: { port: number; baseUrl: string };
  let db: DataSource;
  let inventoryIds: string[];
  let cartIds: string[];
  let adminToken: string;
  let products: ProductDto[];
  let addressSeq = 0;

  async function api<T = unknown>(
    path: string,
    init: { method?: string; token?: string; body?: unknown } = {},
  ): Promise<HttpResult<T>> {
    addressSeq++;
    const headers: Record<string, string> = {
      // Every request from its own client address, so per-address throttles never interfere.
      'X-Forwarded-For': `10.9.${(addressSeq >> 8) & 255}.${addressSeq & 255}`,
    };
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${gateway.baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    return {
      status: res.status,
      body: (type.includes('json') ? JSON.parse(text) : text) as T,
      headers: res.headers,
    };
  }

  async function shopper(): Promise<string> {
    const res = await api<AuthTokens>('/api/auth/register', {
      method: 'POST',
      body: { email: `shopper-${randomSuffix(5)}@e2e.test`, password: 'Secret123!' },
    });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken;
  }

  /** Registers `count` shoppers a few at a time (sign-up speed is not what these tests measure). */
  async function shoppers(count: number, concurrency = 6): Promise<string[]> {
    const tokens: string[] = [];
    while (tokens.length < count)
      tokens.push(
        ...(await Promise.all(Array.from({ length: Math.min(concurrency, count - tokens.length) }, shopper))),
      );
    return tokens;
  }

  const stockOf = async (productId: string): Promise<StockLevel> =>
    (await call(cluster, InventoryRpc.listStock, {})).find((s) => s.productId === productId)!;

  async function setOnHand(productId: string, onHand: number): Promise<void> {
    const current = await stockOf(productId);
    await call(cluster, InventoryRpc.updateStock, { productId, onHand, expectedVersion: current.version });
  }

  beforeAll(async () => {
    cluster = await TestCluster.start({
      database: true,
      env: {
        JWT_SECRET,
        BCRYPT_COST: '4',
        LOG_LEVEL: 'warn',
        RESERVATION_SWEEP_MS: '200',
        RATE_LIMIT_PER_MINUTE: '100000',
      },
    });
    const tag = randomSuffix(2);
    inventoryIds = [1, 2, 3].map((n) => `inventory-${n}-${tag}`);
    cartIds = [1, 2].map((n) => `cart-${n}-${tag}`);
    const start = (service: 'inventory' | 'cart' | 'auth', script: string, instanceId?: string) =>
      cluster.startInstance({ service, script, instanceId, readyTimeoutMs: 90_000 });
    // Inventory first (it owns the seed); the rest in small groups, so a busy machine is not swamped.
    const port = await freePort();
    await Promise.all([
      start('inventory', INVENTORY_SCRIPT, inventoryIds[0]),
      cluster.startInstance({
        service: 'gateway',
        script: GATEWAY_SCRIPT,
        env: { PORT: String(port) },
        readyTimeoutMs: 90_000,
      }),
    ]);
    gateway = { port, baseUrl: `http://127.0.0.1:${port}` };
    await Promise.all([start('auth', AUTH_SCRIPT), start('inventory', INVENTORY_SCRIPT, inventoryIds[1])]);
    await Promise.all([
      start('inventory', INVENTORY_SCRIPT, inventoryIds[2]),
      start('cart', CART_SCRIPT, cartIds[0]),
      start('cart', CART_SCRIPT, cartIds[1]),
    ]);
    db = await openDatabase(cluster.database!.url);
    const admin = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
    const login = await waitFor(
      async () => {
        const res = await api<AuthTokens>('/api/auth/login', {
          method: 'POST',
          body: { email: admin.email, password: admin.password },
        });
        return res.status === 200 ? res.body : undefined;
      },
      'the demo admin to be able to log in',
      20_000,
      200,
    );
    adminToken = login.accessToken;
    products = (await api<ProductPage>('/api/products?pageSize=50&sort=name')).body.items;
  });

  afterAll(async () => {
    await db?.destroy();
    await cluster?.teardown();
  });

  it('lets anonymous visitors browse the catalogue and load the shipped images', async () => {
    const page = await api<ProductPage>('/api/products?category=Books&pageSize=5&page=1&sort=price-desc');
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(22);
    expect(page.body.items).toHaveLength(5);
    const pastTheEnd = await api<ProductPage>('/api/products?category=Books&pageSize=5&page=9');
    expect([pastTheEnd.body.items.length, pastTheEnd.body.total]).toEqual([0, 22]);
    expect(page.body.servedBy.instanceId).toMatch(/^inventory-/);
    // The gateway relays the instance's JSON bytes; clients still get a JSON response.
    const relayed = await fetch(`${gateway.baseUrl}/api/products?pageSize=1`);
    expect(relayed.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const search = await api<ProductPage>('/api/products?q=coffee');
    expect(search.body.items.some((p) => /coffee/i.test(p.name))).toBe(true);
    const one = await api<{ product: ProductDto }>(`/api/products/${products[0].id}`);
    expect(one.body.product.id).toBe(products[0].id);
    const categories = await api<{ name: string }[]>('/api/categories');
    expect(categories.body.length).toBeGreaterThanOrEqual(8);
    const image = await fetch(`${gateway.baseUrl}${products[0].imageUrl}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    expect(await image.text()).toContain(products[0].name);
    expect((await fetch(`${gateway.baseUrl}/assets/products/..%2Fpackage.json`)).status).toBe(404);
    expect((await api('/api/products?pageSize=0')).status).toBe(400);
    expect((await api('/api/products/not-a-product')).status).toBe(404);
  });

  it('documents every catalogue, inventory and cart route in Swagger with error responses', async () => {
    const doc = (
      await api<{ paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>(
        '/api/docs-json',
      )
    ).body;
    const expected: [string, string, string[]][] = [
      ['/api/products', 'get', ['200', '400']],
      ['/api/products/{id}', 'get', ['200', '404']],
      ['/api/categories', 'get', ['200']],
      ['/api/inventory', 'get', ['200', '401', '403']],
      ['/api/inventory/cache', 'get', ['200', '401', '403']],
      ['/api/inventory/{productId}', 'put', ['200', '400', '404', '409']],
      ['/api/cart', 'get', ['200', '401']],
      ['/api/cart', 'delete', ['200', '401']],
      ['/api/cart/items', 'post', ['200', '400', '404', '409']],
      ['/api/cart/items/{productId}', 'patch', ['200', '400', '404', '409']],
      ['/api/cart/items/{productId}', 'delete', ['200', '404']],
    ];
    for (const [path, method, statuses] of expected)
      expect(Object.keys(doc.paths[path]?.[method]?.responses ?? {})).toEqual(
        expect.arrayContaining(statuses),
      );
  });

  it('200 concurrent add-to-cart requests for 50 units reserve exactly 50', async () => {
    const product = products[1];
    await setOnHand(product.id, 50);
    const tokens = await shoppers(200);
    const results = await Promise.all(
      tokens.map((token) =>
        api<CartDto | ApiErrorBody>('/api/cart/items', {
          method: 'POST',
          token,
          body: { productId: product.id, quantity: 1 },
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(50);
    expect(statuses.filter((s) => s === 409)).toHaveLength(150);
    for (const r of results.filter((x) => x.status === 409)) {
      const body = r.body as ApiErrorBody;
      expect(body.code).toBe('OUT_OF_STOCK');
      expect(body.details).toMatchObject({ productId: product.id, available: 0 });
    }
    expect(await stockOf(product.id)).toMatchObject({ onHand: 50, reserved: 50, available: 0 });
    const [{ held }] = (await db.query(
      `SELECT COALESCE(SUM(quantity), 0)::int AS held FROM inventory.reservations WHERE product_id = $1`,
      [product.id],
    )) as { held: number }[];
    expect(held).toBe(50);
    // Every successful shopper's cart holds the item; release them for the next tests.
    await Promise.all(
      results.map((r, i) =>
        r.status === 200 ? api('/api/cart', { method: 'DELETE', token: tokens[i] }) : null,
      ),
    );
    expect((await stockOf(product.id)).available).toBe(50);
  });

  it('changes that share batches on one cart instance each get their own answer, in order per shopper', async () => {
    const [scarce, plenty] = [products[8], products[9]];
    await setOnHand(scarce.id, 3);
    await setOnHand(plenty.id, 500);
    const tag = randomSuffix();
    const racers = Array.from({ length: 6 }, (_, i) => `racer-${i}-${tag}`);
    const [steady, full, absent] = ['steady', 'full', 'absent'].map((name) => `${name}-${tag}`);
    await callOn(cluster, CartRpc.addItem, cartIds[0], { userId: full, productId: plenty.id, quantity: 99 });
    const on = <T>(promise: Promise<T>) =>
      promise.then(
        (value) => ({ value }),
        (error: AppError) => ({ error }),
      );
    const add = (userId: string, productId: string) =>
      on(callOn(cluster, CartRpc.addItem, cartIds[0], { userId, productId, quantity: 1 }));
    const [races, steadyAdds, tooMany, notInCart] = await Promise.all([
      Promise.all(racers.map((userId) => add(userId, scarce.id))),
      Promise.all([1, 2, 3, 4].map(() => add(steady, plenty.id))),
      add(full, plenty.id),
      on(
        callOn(cluster, CartRpc.setItemQuantity, cartIds[0], {
          userId: absent,
          productId: plenty.id,
          quantity: 2,
        }),
      ),
    ]);
    // Three units for six shoppers: three carts hold one, three get OUT_OF_STOCK with what is left.
    const won = races.filter((r) => 'value' in r);
    expect(won).toHaveLength(3);
    for (const r of races)
      if ('error' in r) {
        expect(r.error.code).toBe(ErrorCode.OutOfStock);
        expect(r.error.details).toMatchObject({ productId: scarce.id, available: 0 });
      } else expect(r.value.items.map((i) => [i.productId, i.quantity])).toEqual([[scarce.id, 1]]);
    // One shopper's adds run one after the other, each answered with the cart as it left it.
    expect(steadyAdds.map((r) => ('value' in r ? r.value.items[0].quantity : r.error.code))).toEqual([
      1, 2, 3, 4,
    ]);
    expect('value' in steadyAdds[3] && steadyAdds[3].value).toMatchObject({
      userId: steady,
      itemCount: 4,
      total: { amountMinor: plenty.price.amountMinor * 4 },
      stale: false,
    });
    expect('error' in tooMany && tooMany.error.code).toBe(ErrorCode.BadRequest);
    expect('error' in notInCart && notInCart.error.code).toBe(ErrorCode.NotFound);
    expect(await stockOf(scarce.id)).toMatchObject({ onHand: 3, reserved: 3, available: 0 });
    const [{ held }] = (await db.query(
      `SELECT COALESCE(SUM(quantity), 0)::int AS held FROM inventory.reservations WHERE product_id = $1 AND owner_id IN ($2, $3)`,
      [plenty.id, cartReservationOwner(steady), cartReservationOwner(full)],
    )) as { held: number }[];
    expect(held).toBe(4 + 99);
    await Promise.all(
      [...racers, steady, full].map((userId) => callOn(cluster, CartRpc.clear, cartIds[0], { userId })),
    );
  });

  it('adds, changes and removes items, adjusting the reservation each time', async () => {
    const token = await shopper();
    const [a, b] = [products[2], products[3]];
    const before = await stockOf(a.id);
    let cart = await api<CartDto>('/api/cart/items', {
      method: 'POST',
      token,
      body: { productId: a.id, quantity: 2 },
    });
    expect(cart.status).toBe(200);
    cart = await api<CartDto>('/api/cart/items', {
      method: 'POST',
      token,
      body: { productId: a.id, quantity: 1 },
    });
    expect(cart.body.items).toEqual([
      expect.objectContaining({ productId: a.id, quantity: 3, unitPrice: a.price }),
    ]);
    expect((await stockOf(a.id)).reserved).toBe(before.reserved + 3);
    cart = await api<CartDto>(`/api/cart/items/${a.id}`, { method: 'PATCH', token, body: { quantity: 5 } });
    expect(cart.body.items[0].quantity).toBe(5);
    expect((await stockOf(a.id)).reserved).toBe(before.reserved + 5);
    await api('/api/cart/items', { method: 'POST', token, body: { productId: b.id, quantity: 1 } });
    // The cart persists: a fresh read shows both items with live availability.
    const view = await api<CartDto>('/api/cart', { token });
    expect(view.body.items.map((i) => [i.productId, i.quantity, i.stale])).toEqual([
      [a.id, 5, false],
      [b.id, 1, false],
    ]);
    expect(view.body.items[0].available).toBe(before.available - 5);
    expect(view.body.total.amountMinor).toBe(a.price.amountMinor * 5 + b.price.amountMinor);
    // What checkout reads over NATS: the same lines, from the stored values only.
    const userId = (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sub: string })
      .sub;
    const stored = await call(cluster, CartRpc.getCart, { userId, live: false });
    expect(stored.items.map((i) => [i.productId, i.quantity])).toEqual([
      [a.id, 5],
      [b.id, 1],
    ]);
    cart = await api<CartDto>(`/api/cart/items/${a.id}`, { method: 'DELETE', token });
    expect(cart.body.items.map((i) => i.productId)).toEqual([b.id]);
    expect((await stockOf(a.id)).reserved).toBe(before.reserved);
    cart = await api<CartDto>('/api/cart', { method: 'DELETE', token });
    expect(cart.body.items).toEqual([]);
    expect((await stockOf(b.id)).reserved).toBe(0);
  });

  it('answers 404 for unknown products, 400 for bad quantities, 409 with the available quantity', async () => {
    const token = await shopper();
    const product = products[4];
    await setOnHand(product.id, 3);
    const unknown = await api<ApiErrorBody>('/api/cart/items', {
      method: 'POST',
      token,
      body: { productId: '00000000-0000-4000-8000-000000000000', quantity: 1 },
    });
    expect(unknown.status).toBe(404);
    for (const quantity of [0, -1, 1.5, 'two', 100])
      expect(
        (await api('/api/cart/items', { method: 'POST', token, body: { productId: product.id, quantity } }))
          .status,
      ).toBe(400);
    expect(
      (await api(`/api/cart/items/${product.id}`, { method: 'PATCH', token, body: { quantity: 1 } })).status,
    ).toBe(404);
    expect((await api(`/api/cart/items/${product.id}`, { method: 'DELETE', token })).status).toBe(404);
    const tooMany = await api<ApiErrorBody>('/api/cart/items', {
      method: 'POST',
      token,
      body: { productId: product.id, quantity: 4 },
    });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body).toMatchObject({
      code: 'OUT_OF_STOCK',
      details: { productId: product.id, available: 3 },
    });
    expect((await api('/api/cart')).status).toBe(401);
  });

  it('admin stock updates: stale version is 409 with the current version; shoppers are refused', async () => {
    const product = products[5];
    const current = await stockOf(product.id);
    const ok = await api<StockLevel>(`/api/inventory/${product.id}`, {
      method: 'PUT',
      token: adminToken,
      body: { onHand: 30, expectedVersion: current.version },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ onHand: 30, version: current.version + 1 });
    const stale = await api<ApiErrorBody>(`/api/inventory/${product.id}`, {
      method: 'PUT',
      token: adminToken,
      body: { onHand: 31, expectedVersion: current.version },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { currentVersion: current.version + 1 },
    });
    const bad = await api(`/api/inventory/${product.id}`, {
      method: 'PUT',
      token: adminToken,
      body: { onHand: -1, expectedVersion: 1 },
    });
    expect(bad.status).toBe(400);
    const shopperToken = await shopper();
    expect((await api('/api/inventory', { token: shopperToken })).status).toBe(403);
    const levels = await api<StockLevel[]>('/api/inventory', { token: adminToken });
    expect(levels.body.length).toBeGreaterThanOrEqual(200);
    const cache = await api<{ instanceId: string }[]>('/api/inventory/cache', { token: adminToken });
    expect(cache.body.map((c) => c.instanceId).sort()).toEqual([...inventoryIds].sort());
  });

  it('releases a cart reservation when it expires, and the stock returns', async () => {
    const product = products[6];
    const before = await stockOf(product.id);
    const shortTtlId = `cart-short-${randomSuffix(2)}`;
    const shortTtl = await cluster.startInstance({
      service: 'cart',
      script: CART_SCRIPT,
      instanceId: shortTtlId,
      env: { CART_RESERVATION_TTL_MS: '500' },
      readyTimeoutMs: 90_000,
    });
    try {
      const cart = await callOn(cluster, CartRpc.addItem, shortTtlId, {
        userId: `expiring-${randomSuffix()}`,
        productId: product.id,
        quantity: 2,
      });
      expect(cart.items[0].quantity).toBe(2);
      await waitFor(async () => {
        const rows = (await db.query(`SELECT 1 FROM inventory.reservations WHERE product_id = $1`, [
          product.id,
        ])) as unknown[];
        return rows.length === 0;
      }, 'the expired reservation to be swept');
      expect((await stockOf(product.id)).available).toBe(before.available);
    } finally {
      await shortTtl.stop(2000);
    }
  });

  it('shows the last known stock marked stale when inventory does not answer', async () => {
    const token = await shopper();
    const product = products[7];
    await api('/api/cart/items', { method: 'POST', token, body: { productId: product.id, quantity: 2 } });
    const live = await api<CartDto>('/api/cart', { token });
    expect(live.body.stale).toBe(false);
    await cluster.observer.config.update('e2e', (config) => {
      config.faults.push({
        id: 'inventory-hang',
        service: 'inventory',
        hang: true,
        createdAt: new Date().toISOString(),
        createdBy: 'e2e',
      });
      return 'inventory hangs';
    });
    try {
      const view = await waitFor(
        async () => {
          const r = await api<CartDto>('/api/cart', { token });
          return r.status === 200 && r.body.stale ? r : undefined;
        },
        'a stale cart view',
        30_000,
        100,
      );
      expect(view.body.items).toEqual([
        expect.objectContaining({
          productId: product.id,
          quantity: 2,
          stale: true,
          available: live.body.items[0].available,
          unitPrice: product.price,
        }),
      ]);
    } finally {
      await cluster.observer.config.update('e2e', (config) => {
        config.faults = [];
        return 'clear faults';
      });
    }
    const recovered = await waitFor(
      async () => {
        const r = await api<CartDto>('/api/cart', { token });
        return r.status === 200 && !r.body.stale ? r : undefined;
      },
      'a live cart view once inventory answers again',
      30_000,
      200,
    );
    expect(recovered.body.items[0].stale).toBe(false);
  });

  it('fails every change of a batch, storing none, when the inventory call fails', async () => {
    const product = products[10];
    const users = Array.from({ length: 4 }, (_, i) => `unlucky-${i}-${randomSuffix()}`);
    await cluster.observer.config.update('e2e', (config) => {
      config.faults.push({
        id: 'inventory-down',
        service: 'inventory',
        errorRate: 1,
        createdAt: new Date().toISOString(),
        createdBy: 'e2e',
      });
      return 'inventory fails';
    });
    try {
      const add = (userId: string) =>
        callOn(cluster, CartRpc.addItem, cartIds[1], { userId, productId: product.id, quantity: 1 }).then(
          () => undefined,
          (err: AppError) => err.code,
        );
      // A probe shopper of its own: an add that got through before the fault arrived stays out of the check.
      const probe = `probe-${randomSuffix()}`;
      await waitFor(
        async () => (await add(probe)) === ErrorCode.Unavailable,
        'the injected fault',
        10_000,
        100,
      );
      expect(await Promise.all(users.map(add))).toEqual(users.map(() => ErrorCode.Unavailable));
      const lines = (await db.query(
        `SELECT 1 FROM cart.cart_items i JOIN cart.carts c ON c.id = i.cart_id WHERE c.user_id = ANY($1::text[])`,
        [users],
      )) as unknown[];
      expect(lines).toHaveLength(0);
    } finally {
      await cluster.observer.config.update('e2e', (config) => {
        config.faults = [];
        return 'clear faults';
      });
    }
  });
});
