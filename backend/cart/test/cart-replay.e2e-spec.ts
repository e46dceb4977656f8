import { DataSource } from 'typeorm';
import {
  CartRpc,
  ErrorCode,
  InventoryRpc,
  ProductDto,
  RpcMethod,
  cartReservationOwner,
} from '@shop/contracts';
import { AppError, createContext } from '@shop/common';
import { ChildInstance, TestCluster, randomSuffix } from '@shop/testing';
import {
  CART_SCRIPT,
  INVENTORY_SCRIPT,
  call,
  errorOf,
  openDatabase,
} from '../../inventory/test/inventory-harness';

jest.setTimeout(180_000);

/**
 * Cart changes sent again with the same idempotency key, as a browser replaying its offline queue or a caller
 * retrying on another instance does: real inventory and two real cart processes on one database. Each key is
 * applied once, whichever instance gets which copy, and every copy is answered with the first outcome.
 */
describe('replayed cart changes (1 inventory, 2 cart instances)', () => {
  let cluster: TestCluster;
  let db: DataSource;
  let carts: ChildInstance[];
  let product: ProductDto;

  /** One call to one cart instance with this idempotency key. */
  function keyed<Req, Res>(
    method: RpcMethod<Req, Res>,
    instance: ChildInstance,
    key: string,
    request: Req,
  ): Promise<Res> {
    return cluster.observer.client.call(method, request, createContext({ idempotencyKey: key }), {
      instanceId: instance.name,
      timeoutMs: 15_000,
    });
  }

  const heldBy = async (userId: string): Promise<number> => {
    const rows = (await db.query(
      `SELECT i.quantity FROM cart.cart_items i JOIN cart.carts c ON c.id = i.cart_id
        WHERE c.user_id = $1 AND i.product_id = $2`,
      [userId, product.id],
    )) as { quantity: number }[];
    return rows[0]?.quantity ?? 0;
  };

  async function setOnHand(onHand: number): Promise<void> {
    const stock = (await call(cluster, InventoryRpc.listStock, {})).find((s) => s.productId === product.id)!;
    await call(cluster, InventoryRpc.updateStock, {
      productId: product.id,
      onHand,
      expectedVersion: stock.version,
    });
  }

  beforeAll(async () => {
    cluster = await TestCluster.start({ database: true, env: { LOG_LEVEL: 'warn' } });
    await cluster.startInstance({ service: 'inventory', script: INVENTORY_SCRIPT, readyTimeoutMs: 90_000 });
    carts = await Promise.all(
      [1, 2].map((n) =>
        cluster.startInstance({
          service: 'cart',
          script: CART_SCRIPT,
          instanceId: `cart-${n}-${randomSuffix(3)}`,
          readyTimeoutMs: 90_000,
        }),
      ),
    );
    db = await openDatabase(cluster.database!.url);
    product = (await call(cluster, InventoryRpc.listProducts, { pageSize: 1, sort: 'name' })).items[0];
    await setOnHand(1_000);
  });

  afterAll(async () => {
    await db?.destroy();
    await cluster?.teardown();
  });

  it('applies an add once when its copies reach both instances, together and later', async () => {
    const userId = `replay-${randomSuffix()}`;
    const key = `change-${randomSuffix()}`;
    const request = { userId, productId: product.id, quantity: 2 };
    const together = await Promise.all([
      keyed(CartRpc.addItem, carts[0], key, request),
      keyed(CartRpc.addItem, carts[1], key, request),
    ]);
    const later = await keyed(CartRpc.addItem, carts[1], key, request);

    expect(await heldBy(userId)).toBe(2);
    for (const answer of [...together, later]) expect(answer.items[0].quantity).toBe(2);
    // The inventory hold follows the line: 2 units, not 4 or 6.
    const [hold] = (await db.query(
      `SELECT quantity FROM inventory.reservations WHERE owner_id = $1 AND product_id = $2`,
      [cartReservationOwner(userId), product.id],
    )) as { quantity: number }[];
    expect(hold.quantity).toBe(2);

    // A new key is a new change.
    await keyed(CartRpc.addItem, carts[0], `change-${randomSuffix()}`, request);
    expect(await heldBy(userId)).toBe(4);
  });

  it('applies a queue of changes sent twice in order once: the second pass changes nothing', async () => {
    const userId = `queue-${randomSuffix()}`;
    const keys = [1, 2, 3, 4].map((n) => `q${n}-${randomSuffix()}`);
    const send = (instance: ChildInstance) => [
      () => keyed(CartRpc.addItem, instance, keys[0], { userId, productId: product.id, quantity: 1 }),
      () => keyed(CartRpc.addItem, instance, keys[1], { userId, productId: product.id, quantity: 1 }),
      () => keyed(CartRpc.setItemQuantity, instance, keys[2], { userId, productId: product.id, quantity: 5 }),
      () => keyed(CartRpc.addItem, instance, keys[3], { userId, productId: product.id, quantity: 1 }),
    ];
    const answers: number[] = [];
    for (const step of [...send(carts[0]), ...send(carts[1])]) answers.push((await step()).items[0].quantity);
    expect(answers).toEqual([1, 2, 5, 6, 1, 2, 5, 6]);
    expect(await heldBy(userId)).toBe(6);
  });

  it('answers a replayed refusal with the first refusal, even once the stock is back', async () => {
    const userId = `refused-${randomSuffix()}`;
    const key = `big-${randomSuffix()}`;
    await setOnHand(3);
    const request = { userId, productId: product.id, quantity: 50 };
    const first = await errorOf(keyed(CartRpc.addItem, carts[0], key, request));
    expect(first.code).toBe(ErrorCode.OutOfStock);
    await setOnHand(1_000);
    const again = await errorOf(keyed(CartRpc.addItem, carts[1], key, request));
    expect(again).toBeInstanceOf(AppError);
    expect(again.code).toBe(ErrorCode.OutOfStock);
    expect(again.message).toBe(first.message);
    expect(await heldBy(userId)).toBe(0);
  });

  it('applies a remove once: its replay answers the first outcome, not "not in your cart"', async () => {
    const userId = `remove-${randomSuffix()}`;
    await keyed(CartRpc.addItem, carts[0], `add-${randomSuffix()}`, {
      userId,
      productId: product.id,
      quantity: 1,
    });
    const key = `remove-${randomSuffix()}`;
    const first = await keyed(CartRpc.removeItem, carts[0], key, { userId, productId: product.id });
    const replayed = await keyed(CartRpc.removeItem, carts[1], key, { userId, productId: product.id });
    expect(first.items).toEqual([]);
    expect(replayed).toEqual(first);
    // Without a key a second remove is a new change, refused.
    const unkeyed = await errorOf(
      cluster.observer.client.call(CartRpc.removeItem, { userId, productId: product.id }, createContext(), {
        instanceId: carts[1].name,
      }),
    );
    expect(unkeyed.code).toBe(ErrorCode.NotFound);
  });

  it('refuses a key reused for another change, and a key longer than the limit', async () => {
    const userId = `mismatch-${randomSuffix()}`;
    const key = `reused-${randomSuffix()}`;
    await keyed(CartRpc.addItem, carts[0], key, { userId, productId: product.id, quantity: 1 });
    const reused = await errorOf(
      keyed(CartRpc.addItem, carts[1], key, { userId, productId: product.id, quantity: 3 }),
    );
    expect(reused.code).toBe(ErrorCode.IdempotencyMismatch);
    expect(await heldBy(userId)).toBe(1);
    const long = await errorOf(
      keyed(CartRpc.addItem, carts[0], 'k'.repeat(201), { userId, productId: product.id, quantity: 1 }),
    );
    expect(long.code).toBe(ErrorCode.BadRequest);
    expect(long.message).toMatch(/Idempotency-Key/);
  });
});
