import { DataSource } from 'typeorm';
import { CartRpc, InventoryRpc, ProductDto, cartReservationOwner } from '@shop/contracts';
import { ChildInstance, TestCluster, randomSuffix, waitFor } from '@shop/testing';
import {
  CART_SCRIPT,
  INVENTORY_SCRIPT,
  call,
  callOn,
  openDatabase,
} from '../../inventory/test/inventory-harness';

jest.setTimeout(180_000);

/**
 * A cart change sets the inventory hold before it stores its line. These runs break a cart instance in that
 * window (SIGKILL, or a state built as a killed instance leaves it) and check that the holds are settled to
 * the stored lines: no hold without its cart line, none larger than its line.
 */
describe('cart holds after a cart instance dies mid-change (real processes)', () => {
  let cluster: TestCluster;
  let db: DataSource;
  let product: ProductDto;

  const start = (instanceId: string, env: NodeJS.ProcessEnv = {}): Promise<ChildInstance> =>
    cluster.startInstance({ service: 'cart', script: CART_SCRIPT, instanceId, env, readyTimeoutMs: 90_000 });

  /** Active holds of these shoppers that their stored cart lines do not cover. */
  async function uncoveredHolds(users: string[]): Promise<string[]> {
    const holds = (await db.query(
      `SELECT owner_id, product_id, quantity FROM inventory.reservations
        WHERE owner_id = ANY($1::text[]) AND expires_at > now()`,
      [users.map(cartReservationOwner)],
    )) as { owner_id: string; product_id: string; quantity: number }[];
    const lines = (await db.query(
      `SELECT c.user_id, i.product_id, i.quantity FROM cart.cart_items i JOIN cart.carts c ON c.id = i.cart_id
        WHERE c.user_id = ANY($1::text[])`,
      [users],
    )) as { user_id: string; product_id: string; quantity: number }[];
    const line = new Map(
      lines.map((l) => [`${cartReservationOwner(l.user_id)}|${l.product_id}`, l.quantity]),
    );
    return holds
      .filter((h) => h.quantity > (line.get(`${h.owner_id}|${h.product_id}`) ?? 0))
      .map(
        (h) =>
          `${h.owner_id} holds ${h.quantity}, line ${line.get(`${h.owner_id}|${h.product_id}`) ?? 'none'}`,
      );
  }

  const pendingCount = async (): Promise<number> =>
    ((await db.query(`SELECT count(*)::int AS n FROM cart.pending_holds`)) as { n: number }[])[0].n;

  /** A hold set straight in inventory with a pending record, as a cart instance that died after asking leaves it. */
  async function holdAsDeadInstanceLeftIt(
    userId: string,
    quantity: number,
    instanceId: string,
  ): Promise<void> {
    const { outcomes } = await call(cluster, InventoryRpc.reserveBatch, {
      items: [{ ownerId: cartReservationOwner(userId), productId: product.id, quantity }],
    });
    expect(outcomes[0].ok).toBe(true);
    await db.query(
      `INSERT INTO cart.pending_holds (user_id, product_id, token, instance_id, recorded_at)
       VALUES ($1, $2, gen_random_uuid(), $3, now())`,
      [userId, product.id, instanceId],
    );
  }

  beforeAll(async () => {
    cluster = await TestCluster.start({ database: true, env: { LOG_LEVEL: 'warn' } });
    await cluster.startInstance({ service: 'inventory', script: INVENTORY_SCRIPT, readyTimeoutMs: 90_000 });
    db = await openDatabase(cluster.database!.url);
    product = (await call(cluster, InventoryRpc.listProducts, { pageSize: 1, sort: 'name' })).items[0];
    const stock = (await call(cluster, InventoryRpc.listStock, {})).find((s) => s.productId === product.id)!;
    await call(cluster, InventoryRpc.updateStock, {
      productId: product.id,
      onHand: 10_000,
      expectedVersion: stock.version,
    });
  });

  afterAll(async () => {
    await db?.destroy();
    await cluster?.teardown();
  });

  it('a restarted instance settles the changes its previous life left unfinished, at start', async () => {
    const instanceId = `cart-restarted-${randomSuffix()}`;
    const [noLine, smallerLine] = [`no-line-${randomSuffix()}`, `smaller-line-${randomSuffix()}`];
    const helper = await start(`cart-helper-${randomSuffix()}`, { CART_RECONCILE_MS: '0' });
    await callOn(cluster, CartRpc.addItem, helper.name, {
      userId: smallerLine,
      productId: product.id,
      quantity: 2,
    });
    await holdAsDeadInstanceLeftIt(noLine, 3, instanceId);
    await holdAsDeadInstanceLeftIt(smallerLine, 5, instanceId);
    expect(await uncoveredHolds([noLine, smallerLine])).toHaveLength(2);

    // Only its own records, and only at start: a grace period longer than the test.
    await start(instanceId, { CART_PENDING_HOLD_GRACE_MS: '600000' });
    await waitFor(
      async () => (await pendingCount()) === 0 || undefined,
      'the records to be settled',
      20_000,
      100,
    );
    expect(await uncoveredHolds([noLine, smallerLine])).toEqual([]);
    const [hold] = (await db.query(
      `SELECT quantity FROM inventory.reservations WHERE owner_id = $1 AND product_id = $2`,
      [cartReservationOwner(smallerLine), product.id],
    )) as { quantity: number }[];
    expect(hold.quantity).toBe(2);
    await helper.stop();
  });

  it('SIGKILL during a rush of adds leaves no hold without its line once another instance settled them', async () => {
    // One change per transaction: the kill lands between some change's hold and its line more often.
    const victim = await start(`cart-victim-${randomSuffix()}`, {
      CART_RECONCILE_MS: '0',
      CART_BATCH_MAX: '1',
    });
    const users = Array.from({ length: 60 }, (_, i) => `rush-${i}-${randomSuffix()}`);
    const adds = users.map((userId, i) =>
      callOn(
        cluster,
        CartRpc.addItem,
        victim.name,
        { userId, productId: product.id, quantity: 1 + (i % 3) },
        5_000,
      ).catch(() => undefined),
    );
    const holds = async () =>
      (
        (await db.query(
          `SELECT count(*)::int AS n FROM inventory.reservations WHERE owner_id = ANY($1::text[])`,
          [users.map(cartReservationOwner)],
        )) as { n: number }[]
      )[0].n;
    await waitFor(async () => (await holds()) > 0 || undefined, 'the first holds', 10_000, 0);
    victim.kill('SIGKILL');
    await Promise.all(adds);
    await victim.exited;
    // Every hold the kill left ahead of its line is still recorded as pending.
    expect((await uncoveredHolds(users)).length).toBeLessThanOrEqual(await pendingCount());

    await start(`cart-survivor-${randomSuffix()}`, {
      CART_PENDING_HOLD_GRACE_MS: '0',
      CART_RECONCILE_MS: '200',
    });
    await waitFor(
      async () => (await pendingCount()) === 0 || undefined,
      'the records to be settled',
      20_000,
      100,
    );
    expect(await uncoveredHolds(users)).toEqual([]);
  });
});
