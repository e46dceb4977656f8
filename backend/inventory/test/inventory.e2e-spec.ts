import { DataSource } from 'typeorm';
import { ErrorCode, InventoryRpc, ProductDto, StockLow } from '@shop/contracts';
import { TestCluster, randomSuffix, sleep, waitFor } from '@shop/testing';
import {
  INVENTORY_SCRIPT,
  call,
  callOn,
  errorOf,
  openDatabase,
  setConsistency,
  waitForMode,
} from './inventory-harness';

jest.setTimeout(120_000);

/**
 * Three real inventory processes on one fresh database and an isolated prefix: the seed, catalogue reads,
 * cache invalidation on every instance, strong vs eventual reads, stock updates with versions, order
 * deductions and restores, reservation expiry, and STOCK_LOW in the outbox.
 */
describe('inventory service (3 real instances)', () => {
  let cluster: TestCluster;
  let db: DataSource;
  let ids: string[];
  let products: ProductDto[];

  beforeAll(async () => {
    cluster = await TestCluster.start({
      database: true,
      env: { RESERVATION_SWEEP_MS: '200', CATALOG_CACHE_TTL_MS: '300000', LOG_LEVEL: 'warn' },
    });
    const tag = randomSuffix(2);
    ids = [1, 2, 3].map((n) => `inventory-${n}-${tag}`);
    // All three start at once: migrations and the seed must cope with each other.
    await Promise.all(
      ids.map((instanceId) =>
        cluster.startInstance({
          service: 'inventory',
          script: INVENTORY_SCRIPT,
          instanceId,
          readyTimeoutMs: 40_000,
        }),
      ),
    );
    db = await openDatabase(cluster.database!.url);
    products = (await call(cluster, InventoryRpc.listProducts, { pageSize: 100, sort: 'name' })).items;
  });

  afterAll(async () => {
    await db?.destroy();
    await cluster?.teardown();
  });

  const stockOf = async (productId: string) =>
    (await call(cluster, InventoryRpc.listStock, {})).find((s) => s.productId === productId)!;

  async function setOnHand(productId: string, onHand: number): Promise<void> {
    const current = await stockOf(productId);
    await call(cluster, InventoryRpc.updateStock, { productId, onHand, expectedVersion: current.version });
  }

  it('loads the seed catalogue once although three instances started together', async () => {
    const [{ count }] = (await db.query(`SELECT count(*)::int AS count FROM inventory.products`)) as {
      count: number;
    }[];
    expect(count).toBeGreaterThanOrEqual(200);
    const [{ stock }] = (await db.query(`SELECT count(*)::int AS stock FROM inventory.stock`)) as {
      stock: number;
    }[];
    expect(stock).toBe(count);
    const categories = await call(cluster, InventoryRpc.listCategories, {});
    expect(categories.length).toBeGreaterThanOrEqual(8);
    expect(categories.reduce((n, c) => n + c.productCount, 0)).toBe(count);
    expect(products[0].imageUrl).toMatch(/^\/assets\/products\/[a-z]{4}-\d{3}\.svg$/);
  });

  it('filters by category, searches full text, sorts and paginates', async () => {
    const books = await call(cluster, InventoryRpc.listProducts, { category: 'Books', pageSize: 5, page: 2 });
    expect(books.total).toBe(22);
    expect(books.items).toHaveLength(5);
    expect(books.items.every((p) => p.category === 'Books')).toBe(true);
    const found = await call(cluster, InventoryRpc.listProducts, { q: 'headphones' });
    expect(found.items.map((p) => p.name).sort()).toEqual([
      'Noise-Cancelling Headphones',
      'Wireless Over-Ear Headphones',
    ]);
    const cheap = await call(cluster, InventoryRpc.listProducts, { sort: 'price-asc', pageSize: 10 });
    const prices = cheap.items.map((p) => p.price.amountMinor);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const bad = await errorOf(call(cluster, InventoryRpc.listProducts, { pageSize: 1000 }));
    expect(bad.code).toBe(ErrorCode.BadRequest);
    const missing = await errorOf(
      call(cluster, InventoryRpc.getProduct, { id: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(missing.code).toBe(ErrorCode.NotFound);
  });

  it('invalidates the cached product on every instance after a stock change (eventual mode)', async () => {
    const product = products[3];
    await setConsistency(cluster, 'eventual');
    await waitForMode(cluster, ids, 'eventual', (id) =>
      callOn(cluster, InventoryRpc.getProduct, id, { id: product.id }),
    );
    // Warm every instance's cache and see it answer from there.
    for (const id of ids) {
      const again = await callOn(cluster, InventoryRpc.getProduct, id, { id: product.id });
      expect(again.servedBy).toMatchObject({ instanceId: id, source: 'cache', consistency: 'eventual' });
    }
    const before = await stockOf(product.id);
    await callOn(cluster, InventoryRpc.updateStock, ids[0], {
      productId: product.id,
      onHand: before.onHand + 7,
      expectedVersion: before.version,
    });
    for (const id of ids) {
      const read = await waitFor(async () => {
        const r = await callOn(cluster, InventoryRpc.getProduct, id, { id: product.id });
        return r.product.onHand === before.onHand + 7 ? r : undefined;
      }, `${id} to drop its cached entry`);
      expect(read.servedBy.instanceId).toBe(id);
      const stats = await callOn(cluster, InventoryRpc.cacheStats, id, {});
      expect(stats.instanceId).toBe(id);
      expect(stats.lastInvalidationKeys).toContain(product.id);
      expect(stats.hits).toBeGreaterThan(0);
      expect(stats.misses).toBeGreaterThan(0);
    }
  });

  it('strong mode reads the primary on every instance and shows a change at once', async () => {
    const product = products[4];
    await setConsistency(cluster, 'strong');
    await waitForMode(cluster, ids, 'strong', (id) =>
      callOn(cluster, InventoryRpc.getProduct, id, { id: product.id }),
    );
    const before = await stockOf(product.id);
    await callOn(cluster, InventoryRpc.updateStock, ids[1], {
      productId: product.id,
      onHand: before.onHand + 3,
      expectedVersion: before.version,
    });
    // No waiting: the very next read on each instance must already show it.
    for (const id of ids) {
      const read = await callOn(cluster, InventoryRpc.getProduct, id, { id: product.id });
      expect(read.servedBy).toEqual({ instanceId: id, source: 'primary', consistency: 'strong' });
      expect(read.product.onHand).toBe(before.onHand + 3);
    }
  });

  it('eventual mode may serve a stale cached read until the invalidation arrives', async () => {
    const product = products[5];
    // A fourth instance that does not hear invalidations stands in for a delayed broadcast.
    const laggingId = `inventory-lagging-${randomSuffix(2)}`;
    const lagging = await cluster.startInstance({
      service: 'inventory',
      script: INVENTORY_SCRIPT,
      instanceId: laggingId,
      // Its "read replica" is the primary database itself: enough to observe TypeORM's replica path.
      env: {
        INVENTORY_IGNORE_INVALIDATIONS: 'true',
        SEED_CATALOG: 'false',
        DATABASE_REPLICA_URLS: cluster.database!.url,
      },
      readyTimeoutMs: 40_000,
    });
    try {
      await setConsistency(cluster, 'eventual');
      await waitForMode(cluster, [laggingId, ids[0]], 'eventual', (id) =>
        callOn(cluster, InventoryRpc.getProduct, id, { id: product.id }),
      );
      // With replicas configured, an eventual-mode miss reads the replica, then the cache answers.
      const other = products[12].id;
      const miss = await callOn(cluster, InventoryRpc.getProduct, laggingId, { id: other });
      expect(miss.servedBy).toEqual({ instanceId: laggingId, source: 'replica', consistency: 'eventual' });
      const hit = await callOn(cluster, InventoryRpc.getProduct, laggingId, { id: other });
      expect(hit.servedBy.source).toBe('cache');
      const before = await stockOf(product.id);
      await callOn(cluster, InventoryRpc.getProduct, ids[0], { id: product.id });
      await callOn(cluster, InventoryRpc.updateStock, ids[1], {
        productId: product.id,
        onHand: before.onHand + 11,
        expectedVersion: before.version,
      });
      // The listening instance shows the change once the broadcast arrives...
      await waitFor(async () => {
        const r = await callOn(cluster, InventoryRpc.getProduct, ids[0], { id: product.id });
        return r.product.onHand === before.onHand + 11;
      }, 'the listening instance to show the change');
      // ...the lagging one keeps answering the old value from its cache.
      await sleep(300);
      const stale = await callOn(cluster, InventoryRpc.getProduct, laggingId, { id: product.id });
      expect(stale.servedBy).toMatchObject({
        instanceId: laggingId,
        source: 'cache',
        consistency: 'eventual',
      });
      expect(stale.product.onHand).toBe(before.onHand);
      // Strong mode skips the cache: the same instance now answers the truth.
      await setConsistency(cluster, 'strong');
      const fresh = await waitFor(async () => {
        const r = await callOn(cluster, InventoryRpc.getProduct, laggingId, { id: product.id });
        return r.servedBy.consistency === 'strong' ? r : undefined;
      }, 'the lagging instance to switch to strong');
      expect(fresh.servedBy.source).toBe('primary');
      expect(fresh.product.onHand).toBe(before.onHand + 11);
    } finally {
      await lagging.stop(2000);
    }
  });

  it('refuses a stale version with the current one', async () => {
    const product = products[6];
    const before = await stockOf(product.id);
    const updated = await call(cluster, InventoryRpc.updateStock, {
      productId: product.id,
      onHand: 40,
      expectedVersion: before.version,
    });
    expect(updated.version).toBe(before.version + 1);
    const err = await errorOf(
      call(cluster, InventoryRpc.updateStock, {
        productId: product.id,
        onHand: 41,
        expectedVersion: before.version,
      }),
    );
    expect(err.code).toBe(ErrorCode.VersionConflict);
    expect(err.details).toMatchObject({ productId: product.id, currentVersion: before.version + 1 });
  });

  it('never lets concurrent reservations across instances exceed the stock', async () => {
    const product = products[7];
    const before = await stockOf(product.id);
    await call(cluster, InventoryRpc.updateStock, {
      productId: product.id,
      onHand: 20,
      expectedVersion: before.version,
    });
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        callOn(cluster, InventoryRpc.reserve, ids[i % 3], {
          ownerId: `owner-${i}`,
          productId: product.id,
          quantity: 1,
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(20);
    for (const r of results)
      if (r.status === 'rejected') expect((r.reason as { code: string }).code).toBe(ErrorCode.OutOfStock);
    const after = await stockOf(product.id);
    expect(after).toMatchObject({ onHand: 20, reserved: 20, available: 0 });
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        call(cluster, InventoryRpc.releaseReservations, { ownerId: `owner-${i}` }),
      ),
    );
    expect((await stockOf(product.id)).available).toBe(20);
  });

  it('reserveBatch applies its items in order, each with its own outcome', async () => {
    const [a, b] = [products[13], products[14]];
    await setOnHand(a.id, 5);
    await setOnHand(b.id, 2);
    const [owner, other] = [`batch-${randomSuffix()}`, `batch-other-${randomSuffix()}`];
    const unknown = '00000000-0000-4000-8000-000000000000';
    const { outcomes } = await call(cluster, InventoryRpc.reserveBatch, {
      items: [
        { ownerId: owner, productId: a.id, quantity: 3 },
        { ownerId: other, productId: a.id, quantity: 3 },
        { ownerId: owner, productId: b.id, quantity: 2 },
        // The same owner and product again: an absolute total, after the first item's hold.
        { ownerId: owner, productId: a.id, quantity: 5 },
        { ownerId: owner, productId: unknown, quantity: 1 },
        { ownerId: owner, productId: 'not-a-product', quantity: 1 },
        { ownerId: owner, productId: b.id, quantity: -1 },
        { ownerId: other, productId: a.id, quantity: 1 },
        { ownerId: owner, productId: b.id, quantity: 0 },
      ],
    });
    expect(outcomes).toHaveLength(9);
    expect(outcomes[0]).toMatchObject({
      ok: true,
      reservation: {
        ownerId: owner,
        productId: a.id,
        quantity: 3,
        available: 2,
        name: a.name,
        price: a.price,
      },
    });
    expect(outcomes[1]).toEqual({
      ok: false,
      error: {
        code: ErrorCode.OutOfStock,
        message: 'Only 2 more unit(s) of this product are available',
        details: { productId: a.id, available: 2, maxQuantity: 2, requested: 3 },
      },
    });
    expect(outcomes[2]).toMatchObject({
      ok: true,
      reservation: { productId: b.id, quantity: 2, available: 0 },
    });
    expect(outcomes[3]).toMatchObject({
      ok: true,
      reservation: { productId: a.id, quantity: 5, available: 0 },
    });
    expect(outcomes[4]).toMatchObject({
      ok: false,
      error: { code: ErrorCode.NotFound, details: { productId: unknown } },
    });
    expect(outcomes[5]).toMatchObject({ ok: false, error: { code: ErrorCode.NotFound } });
    expect(outcomes[6]).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    expect(outcomes[7]).toMatchObject({
      ok: false,
      error: {
        code: ErrorCode.OutOfStock,
        details: { productId: a.id, available: 0, maxQuantity: 0, requested: 1 },
      },
    });
    expect(outcomes[8]).toMatchObject({
      ok: true,
      reservation: { productId: b.id, quantity: 0, available: 2 },
    });
    // Only what was accepted is held; refused items wrote nothing.
    const held = (await db.query(
      `SELECT owner_id, product_id, quantity FROM inventory.reservations WHERE owner_id IN ($1, $2)`,
      [owner, other],
    )) as { owner_id: string; product_id: string; quantity: number }[];
    expect(held).toEqual([{ owner_id: owner, product_id: a.id, quantity: 5 }]);
    expect(await stockOf(a.id)).toMatchObject({ onHand: 5, reserved: 5, available: 0 });
    expect(await stockOf(b.id)).toMatchObject({ onHand: 2, reserved: 0, available: 2 });
    // The single reserve answers as item 1 of a batch would.
    const single = await errorOf(
      call(cluster, InventoryRpc.reserve, { ownerId: other, productId: a.id, quantity: 1 }),
    );
    expect(single.code).toBe(ErrorCode.OutOfStock);
    expect(single.details).toEqual({ productId: a.id, available: 0, maxQuantity: 0, requested: 1 });
    await call(cluster, InventoryRpc.releaseReservations, { ownerId: owner });
    for (const items of [
      [],
      Array.from({ length: 257 }, () => ({ ownerId: owner, productId: a.id, quantity: 1 })),
    ])
      expect((await errorOf(call(cluster, InventoryRpc.reserveBatch, { items }))).code).toBe(
        ErrorCode.BadRequest,
      );
  });

  it('concurrent batches over the same products in any order never deadlock nor exceed the stock', async () => {
    const [a, b, c] = [products[15], products[16], products[17]];
    for (const p of [a, b, c]) await setOnHand(p.id, 20);
    const orders = [
      [a, b, c],
      [c, b, a],
      [b, a, c],
    ];
    const owners = Array.from({ length: 40 }, () => `race-${randomSuffix()}`);
    const results = await Promise.all(
      owners.map((ownerId, i) =>
        callOn(cluster, InventoryRpc.reserveBatch, ids[i % 3], {
          items: orders[i % 3].map((p) => ({ ownerId, productId: p.id, quantity: 1 })),
        }),
      ),
    );
    for (const p of [a, b, c]) {
      const outcomes = results.flatMap((r) =>
        r.outcomes.filter((o) => (o.ok ? o.reservation : o.error.details)?.productId === p.id),
      );
      expect(outcomes.filter((o) => o.ok)).toHaveLength(20);
      expect(outcomes.filter((o) => !o.ok).every((o) => !o.ok && o.error.code === ErrorCode.OutOfStock)).toBe(
        true,
      );
      expect(await stockOf(p.id)).toMatchObject({ onHand: 20, reserved: 20, available: 0 });
    }
    await Promise.all(owners.map((ownerId) => call(cluster, InventoryRpc.releaseReservations, { ownerId })));
  });

  it('releases expired reservations and the stock returns', async () => {
    const product = products[8];
    const before = await stockOf(product.id);
    const held = await call(cluster, InventoryRpc.reserve, {
      ownerId: 'cart:expiring',
      productId: product.id,
      quantity: 3,
      ttlMs: 400,
    });
    expect(held.available).toBe(before.available - 3);
    expect((await stockOf(product.id)).available).toBe(before.available - 3);
    await waitFor(async () => {
      const rows = (await db.query(
        `SELECT 1 FROM inventory.reservations WHERE owner_id = 'cart:expiring'`,
      )) as unknown[];
      return rows.length === 0;
    }, 'the sweeper to delete the expired reservation');
    expect((await stockOf(product.id)).available).toBe(before.available);
  });

  it('deducts stock for an order once, consuming the shopper reservation first, and restores it once', async () => {
    const product = products[9];
    const before = await stockOf(product.id);
    await call(cluster, InventoryRpc.updateStock, {
      productId: product.id,
      onHand: 10,
      expectedVersion: before.version,
    });
    await call(cluster, InventoryRpc.reserve, { ownerId: 'cart:buyer', productId: product.id, quantity: 4 });
    await call(cluster, InventoryRpc.reserve, { ownerId: 'cart:other', productId: product.id, quantity: 5 });
    // 10 on hand, 5 held by someone else: the buyer can take 5 (4 of them already held).
    const short = await errorOf(
      call(cluster, InventoryRpc.deductStock, {
        orderId: 'order-short',
        items: [{ productId: product.id, quantity: 6 }],
        reservationOwnerId: 'cart:buyer',
      }),
    );
    expect(short.code).toBe(ErrorCode.OutOfStock);
    expect(short.details).toMatchObject({ productId: product.id, available: 5 });

    const orderId = `order-${randomSuffix()}`;
    const request = {
      orderId,
      items: [{ productId: product.id, quantity: 4 }],
      reservationOwnerId: 'cart:buyer',
    };
    const [first, second] = await Promise.all([
      callOn(cluster, InventoryRpc.deductStock, ids[0], request),
      callOn(cluster, InventoryRpc.deductStock, ids[1], request),
    ]);
    // Both answers (the deduction and its replay from the record) say the 4 units came out of the buyer's hold.
    expect(second).toEqual(first);
    expect(first.lines).toEqual([
      { productId: product.id, quantity: 4, unitPrice: product.price, name: product.name, fromHold: 4 },
    ]);
    expect(await stockOf(product.id)).toMatchObject({ onHand: 6, reserved: 5, available: 1 });

    const restored = await Promise.all([
      callOn(cluster, InventoryRpc.restoreStock, ids[1], { orderId, reason: 'payment declined' }),
      callOn(cluster, InventoryRpc.restoreStock, ids[2], { orderId, reason: 'payment declined' }),
    ]);
    expect(restored).toEqual([{ restored: true }, { restored: true }]);
    expect((await stockOf(product.id)).onHand).toBe(10);
    // A deduction arriving after its compensation is refused, and an unknown order restores nothing.
    expect((await errorOf(call(cluster, InventoryRpc.deductStock, request))).code).toBe(ErrorCode.Conflict);
    expect(
      await call(cluster, InventoryRpc.restoreStock, { orderId: 'never-deducted', reason: 'x' }),
    ).toEqual({
      restored: false,
    });
    await call(cluster, InventoryRpc.releaseReservations, { ownerId: 'cart:other' });
  });

  it('answers BUSY when the stock row stays locked past the 5 s lock timeout, holding nothing', async () => {
    const product = products[10];
    const before = await stockOf(product.id);
    const runner = db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`SELECT 1 FROM inventory.stock WHERE product_id = $1 FOR UPDATE`, [product.id]);
      const err = await errorOf(
        call(cluster, InventoryRpc.deductStock, {
          orderId: `order-busy-${randomSuffix()}`,
          items: [{ productId: product.id, quantity: 1 }],
        }),
      );
      expect(err.code).toBe(ErrorCode.Busy);
      expect(err.message).toBe('High traffic, try again');
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await stockOf(product.id)).toMatchObject({ onHand: before.onHand, version: before.version });
  });

  it('records STOCK_LOW in the outbox and a reorder when stock falls below the threshold', async () => {
    const product = products[11];
    const before = await stockOf(product.id);
    await call(cluster, InventoryRpc.updateStock, {
      productId: product.id,
      onHand: 2,
      lowStockThreshold: 5,
      expectedVersion: before.version,
    });
    const events = (await db.query(
      `SELECT type, payload, published_at FROM inventory.outbox WHERE payload->>'productId' = $1`,
      [product.id],
    )) as { type: string; payload: Record<string, unknown>; published_at: Date | null }[];
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: StockLow.type });
    expect(events[0].payload).toMatchObject({
      productId: product.id,
      sku: product.sku,
      threshold: 5,
      available: 2,
    });
    const reorders = (await db.query(`SELECT quantity FROM inventory.reorders WHERE product_id = $1`, [
      product.id,
    ])) as { quantity: number }[];
    expect(reorders).toHaveLength(1);
    expect(reorders[0].quantity).toBeGreaterThan(0);
    // Staying low is not a new event.
    const low = await stockOf(product.id);
    await call(cluster, InventoryRpc.updateStock, {
      productId: product.id,
      onHand: 1,
      expectedVersion: low.version,
    });
    const again = (await db.query(`SELECT 1 FROM inventory.outbox WHERE payload->>'productId' = $1`, [
      product.id,
    ])) as unknown[];
    expect(again).toHaveLength(1);
    // The outbox relay publishes the row to JetStream and marks it once the stream acknowledged it.
    let published: Date | null = null;
    for (let i = 0; i < 100 && !published; i++) {
      const rows = (await db.query(
        `SELECT published_at FROM inventory.outbox WHERE payload->>'productId' = $1`,
        [product.id],
      )) as { published_at: Date | null }[];
      published = rows[0].published_at;
      if (!published) await new Promise((r) => setTimeout(r, 100));
    }
    expect(published).not.toBeNull();
  });
});
