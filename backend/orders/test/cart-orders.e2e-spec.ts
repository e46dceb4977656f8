import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CartRpc, OrderDetailDto, OrderDto, OrderLinesResult, ProductDto, RpcMethod } from '@shop/contracts';
import { AppError, createContext } from '@shop/common';
import { StartedGateway, TestCluster, sleep, waitFor } from '@shop/testing';
import {
  Api,
  CARDS,
  SCRIPTS,
  cartLines,
  holdsOf,
  openDatabase,
  registerShopper,
  setStock,
  someProducts,
  stockOf,
} from './orders-harness';

jest.setTimeout(240_000);

type Shopper = { token: string; userId: string };

/**
 * Orders and the shopper's own cart: the gateway, auth, inventory, two cart, payment and two orders processes
 * on a fresh database. A shopper's holds count toward their own orders on both paths (cart or explicit
 * items), and an order takes out of the cart exactly what it ordered, before it answers.
 */
describe('orders and the cart that holds their stock (real processes)', () => {
  let cluster: TestCluster;
  let gateway: StartedGateway;
  let api: Api;
  let db: DataSource;
  let products: ProductDto[];

  beforeAll(async () => {
    cluster = await TestCluster.start({
      database: true,
      env: { LOG_LEVEL: 'warn', BCRYPT_COST: '4', RATE_LIMIT_PER_MINUTE: '1000000' },
    });
    const start = (service: 'auth' | 'inventory' | 'cart' | 'payment' | 'orders', n = 1) =>
      Array.from({ length: n }, () =>
        cluster.startInstance({ service, script: SCRIPTS[service], readyTimeoutMs: 120_000 }),
      );
    try {
      await Promise.all([...start('auth'), ...start('inventory'), ...start('payment')]);
      await Promise.all([...start('cart', 2), ...start('orders', 2)]);
      gateway = await cluster.startGateway();
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${cluster.diagnostics()}`);
    }
    api = new Api(gateway.baseUrl);
    products = await someProducts(cluster, 18);
    db = await openDatabase(cluster.database!.url);
  }, 300_000);

  afterAll(async () => {
    await db?.destroy();
    await cluster?.teardown();
  });

  const add = (s: Shopper, productId: string, quantity = 1) =>
    api.request('POST', '/api/cart/items', { token: s.token, body: { productId, quantity } });
  const orderItems = (s: Shopper, productId: string, quantity = 1, key = randomUUID()) =>
    api.placeOrder(s.token, key, { items: [{ productId, quantity }], cardNumber: CARDS.approve });
  const orderCart = (s: Shopper, key = randomUUID(), card: string = CARDS.approve) =>
    api.request<OrderDto & { code?: string }>('POST', '/api/orders', {
      token: s.token,
      body: { cardNumber: card },
      headers: { 'idempotency-key': key },
    });
  const ctx = () => createContext({ deadline: Date.now() + 10_000 });
  const shoppers = (n: number, label: string) =>
    Promise.all(Array.from({ length: n }, () => registerShopper(api, label)));

  it('lets a shopper holding the last unit order it through either path, and nobody else', async () => {
    const [holder, other] = await shoppers(2, 'holder');
    for (const [path, product] of [
      ['explicit items', products[0]],
      ['cart', products[1]],
    ] as const) {
      await setStock(cluster, product.id, 1);
      expect((await add(holder, product.id)).status).toBe(200);
      // The last unit is held: another shopper can neither hold it nor order it.
      expect((await add(other, product.id)).status).toBe(409);
      const refused = await orderItems(other, product.id);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('OUT_OF_STOCK');

      const res = path === 'cart' ? await orderCart(holder) : await orderItems(holder, product.id);
      expect({ path, status: res.status, body: res.body }).toMatchObject({
        path,
        status: 201,
        body: { status: 'PENDING', items: [{ productId: product.id, quantity: 1 }] },
      });
      // Sold once: no hold left that counts the sold unit again, and the cart no longer holds it.
      expect(await stockOf(cluster, product.id)).toMatchObject({ onHand: 0, reserved: 0, available: 0 });
      expect(await holdsOf(db, holder.userId)).toEqual({});
      expect(await cartLines(api, holder.token)).toEqual({});
      expect((await orderItems(other, product.id)).status).toBe(409);
    }
  });

  it('sells the last 21 units to the 21 shoppers who hold them when each lists the item explicitly', async () => {
    const product = products[2];
    await setStock(cluster, product.id, 21);
    const buyers = await shoppers(21, 'last21');
    expect((await Promise.all(buyers.map((b) => add(b, product.id)))).map((r) => r.status)).toEqual(
      buyers.map(() => 200),
    );
    const late = await registerShopper(api, 'late');
    expect((await orderItems(late, product.id)).status).toBe(409);

    const answers = await Promise.all(buyers.map((b) => orderItems(b, product.id)));
    expect(answers.map((a) => `${a.status} ${String(a.body.code ?? a.body.status)}`)).toEqual(
      buyers.map(() => '201 PENDING'),
    );
    expect(await stockOf(cluster, product.id)).toMatchObject({ onHand: 0, reserved: 0 });
    for (const b of buyers) expect(await cartLines(api, b.token)).toEqual({});
  });

  it('takes from the cart only the units an explicit order used of its holds', async () => {
    const [shopper] = await shoppers(1, 'partial');
    const [held, other] = [products[3], products[4]];
    await setStock(cluster, held.id, 5);
    await setStock(cluster, other.id, 5);
    expect((await add(shopper, held.id, 3)).status).toBe(200);
    expect((await add(shopper, other.id, 2)).status).toBe(200);
    expect((await orderItems(shopper, held.id, 1)).status).toBe(201);
    expect(await cartLines(api, shopper.token)).toEqual({ [held.id]: 2, [other.id]: 2 });
    expect(await holdsOf(db, shopper.userId)).toEqual({ [held.id]: 2, [other.id]: 2 });
    expect(await stockOf(cluster, held.id)).toMatchObject({ onHand: 4, reserved: 2 });
  });

  it('keeps an item added while an order of the cart is placed, with its hold; the order has what it read', async () => {
    const [shopper] = await shoppers(1, 'inflight');
    const [first, second] = [products[5], products[6]];
    await setStock(cluster, first.id, 10);
    await setStock(cluster, second.id, 10);
    expect((await add(shopper, first.id)).status).toBe(200);

    // The slow test card holds the saga in its payment step for 3 s, after it read the cart.
    const key = randomUUID();
    const placing = orderCart(shopper, key, CARDS.slow);
    await waitFor(
      async () =>
        (
          (await db.query(
            `SELECT count(*)::int AS n FROM orders.orders WHERE user_id = $1 AND saga_step = 'STOCK_DEDUCTED'`,
            [shopper.userId],
          )) as { n: number }[]
        )[0].n === 1 || undefined,
      'the order to have read the cart and deducted its stock',
      20_000,
      20,
    );
    expect((await add(shopper, second.id)).status).toBe(200);
    expect((await add(shopper, first.id)).status).toBe(200);

    const res = await placing;
    expect(res.status).toBe(201);
    expect(res.body.items).toEqual([{ productId: first.id, quantity: 1 }]);
    expect(res.body.lines.map((l) => [l.productId, l.quantity])).toEqual([[first.id, 1]]);
    // When the answer arrives the cart no longer holds what was ordered, and still holds what came later.
    const after = { [first.id]: 1, [second.id]: 1 };
    expect(await cartLines(api, shopper.token)).toEqual(after);
    expect(await holdsOf(db, shopper.userId)).toEqual(after);
    expect(await stockOf(cluster, first.id)).toMatchObject({ onHand: 9, reserved: 1 });
    const detail = await api.request<OrderDetailDto>('GET', `/api/orders/${res.body.id}`, {
      token: shopper.token,
    });
    expect(detail.body.timeline.map((t) => t.step)).toEqual(
      expect.arrayContaining(['STOCK_DEDUCTED', 'PAYMENT_AUTHORIZED', 'CART_UPDATED', 'CONFIRMED']),
    );

    // A repeat with the same key answers the same order and takes nothing more from the cart.
    const again = await orderCart(shopper, key, CARDS.slow);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(res.body.id);
    await sleep(500);
    expect(await cartLines(api, shopper.token)).toEqual(after);
    expect(await holdsOf(db, shopper.userId)).toEqual(after);
  });

  it('gives the cart back with its holds when an order of the cart fails', async () => {
    const [shopper] = await shoppers(1, 'declined');
    const product = products[7];
    await setStock(cluster, product.id, 4);
    expect((await add(shopper, product.id, 2)).status).toBe(200);
    const res = await orderCart(shopper, randomUUID(), CARDS.decline);
    expect(res.status).toBe(402);
    expect(await cartLines(api, shopper.token)).toEqual({ [product.id]: 2 });
    expect(await holdsOf(db, shopper.userId)).toEqual({ [product.id]: 2 });
    expect(await stockOf(cluster, product.id)).toMatchObject({ onHand: 4, reserved: 2 });
    const orderId = (res.body as unknown as { details: { orderId: string } }).details.orderId;
    const failed = await api.request<OrderDetailDto>('GET', `/api/orders/${orderId}`, {
      token: shopper.token,
    });
    expect(failed.body.timeline.map((t) => t.step)).toEqual(
      expect.arrayContaining(['STOCK_RESTORED', 'CART_RESTORED', 'FAILED']),
    );
  });

  it('takes an order’s lines out of the cart once, gives them back once, and refuses a late take', async () => {
    const [shopper] = await shoppers(1, 'records');
    const [a, b] = [products[16], products[17]];
    await setStock(cluster, a.id, 10);
    await setStock(cluster, b.id, 10);
    expect((await add(shopper, a.id, 2)).status).toBe(200);
    expect((await add(shopper, b.id, 1)).status).toBe(200);
    const cart = (method: 'removeOrderLines' | 'restoreOrderLines', req: object) =>
      cluster.observer.client
        .call(
          CartRpc[method] as RpcMethod<object, OrderLinesResult>,
          { userId: shopper.userId, ...req },
          ctx(),
        )
        .then((r) => ({ ok: true as const, ...r }))
        .catch((err: AppError) => ({ ok: false as const, code: err.code }));
    const orderId = randomUUID();
    const take = {
      orderId,
      lines: [
        { productId: a.id, quantity: 1 },
        { productId: b.id, quantity: 3 },
      ],
    };

    expect(await cart('removeOrderLines', take)).toEqual({
      ok: true,
      repeated: false,
      lines: [
        { productId: a.id, quantity: 1 },
        { productId: b.id, quantity: 1 },
      ],
    });
    expect(await cart('removeOrderLines', take)).toMatchObject({ ok: true, repeated: true });
    expect(await cartLines(api, shopper.token)).toEqual({ [a.id]: 1 });
    expect(await holdsOf(db, shopper.userId)).toEqual({ [a.id]: 1 });

    const restore = { orderId, productIds: [a.id, b.id] };
    expect(await cart('restoreOrderLines', restore)).toMatchObject({ ok: true, repeated: false });
    expect(await cart('restoreOrderLines', restore)).toMatchObject({ ok: true, repeated: true });
    expect(await cartLines(api, shopper.token)).toEqual({ [a.id]: 2, [b.id]: 1 });
    expect(await holdsOf(db, shopper.userId)).toEqual({ [a.id]: 2, [b.id]: 1 });
    expect(await cart('removeOrderLines', take)).toEqual({ ok: false, code: 'CONFLICT' });

    // A compensation that comes first leaves a tombstone: the late take is refused, the cart untouched.
    const late = randomUUID();
    expect(await cart('restoreOrderLines', { orderId: late, productIds: [a.id] })).toMatchObject({
      ok: true,
      lines: [],
    });
    expect(await cart('removeOrderLines', { ...take, orderId: late })).toEqual({
      ok: false,
      code: 'CONFLICT',
    });
    expect(await cartLines(api, shopper.token)).toEqual({ [a.id]: 2, [b.id]: 1 });
    expect(await cart('removeOrderLines', { orderId: late, lines: [] })).toEqual({
      ok: false,
      code: 'BAD_REQUEST',
    });
  });

  it('16 shoppers looping add-to-cart → order the cart: every order has exactly the item just added', async () => {
    const loopProducts = products.slice(8, 16);
    for (const p of loopProducts) await setStock(cluster, p.id, 5000);
    const buyers = await shoppers(16, 'loop');
    const ROUNDS = 12;
    const problems: string[] = [];
    const ordered = new Map<string, number>();
    let orders = 0;
    let retries = 0;
    await Promise.all(
      buyers.map(async (buyer, b) => {
        for (let round = 0; round < ROUNDS; round++) {
          const product = loopProducts[(b + round) % loopProducts.length];
          const added = await add(buyer, product.id);
          if (added.status !== 200) {
            problems.push(`add ${added.status} ${JSON.stringify(added.body)}`);
            continue;
          }
          const key = randomUUID();
          let res = await orderCart(buyer, key);
          // A busy answer (Retry-After) says a retry with the same key is safe.
          for (let attempt = 0; res.status === 503 && attempt < 10; attempt++) {
            retries++;
            await sleep(1000 * Number(res.headers.get('retry-after') ?? 1));
            res = await orderCart(buyer, key);
          }
          if (res.status !== 201) {
            problems.push(`order ${res.status} ${JSON.stringify(res.body)}`);
            continue;
          }
          orders++;
          ordered.set(product.id, (ordered.get(product.id) ?? 0) + 1);
          const items = res.body.items.map((i) => `${i.productId} x ${i.quantity}`).join(', ');
          if (items !== `${product.id} x 1`)
            problems.push(`order ${res.body.id} of round ${round} holds ${items}, not ${product.id} x 1`);
        }
      }),
    );
    console.log(`16 shoppers × ${ROUNDS} rounds: ${orders} orders, ${retries} retries with the same key`);
    expect(problems).toEqual([]);
    expect(orders).toBe(16 * ROUNDS);
    for (const buyer of buyers) {
      expect(await cartLines(api, buyer.token)).toEqual({});
      expect(await holdsOf(db, buyer.userId)).toEqual({});
    }
    for (const p of loopProducts)
      expect(await stockOf(cluster, p.id)).toMatchObject({ onHand: 5000 - (ordered.get(p.id) ?? 0) });
  });
});
