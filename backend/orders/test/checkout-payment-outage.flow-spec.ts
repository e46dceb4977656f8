import { ErrorCode, InventoryRpc, PaymentRpc } from '@shop/contracts';
import { TestCluster, closeAll, randomSuffix, waitFor } from '@shop/testing';
import { APPROVED_CARD, FakeShop } from './fake-shop';
import { OrdersInstance, OrdersTables, newShopper, placeOrder, startOrders } from './orders-flow';

jest.setTimeout(60_000);

/**
 * The payment instance answers UNAVAILABLE to everything for a while. The orders module's own circuit
 * breaker for that instance (3 consecutive failures) opens, so a later checkout fails its payment step without
 * a request reaching payment. Every order ends FAILED with a retry hint and gives its stock back exactly once,
 * nothing charged; the compensation voids the payment first, so it finishes once payment answers again.
 */
describe('checkout flow: payment outage (orders module, fake peers)', () => {
  let cluster: TestCluster;
  let shop: FakeShop;
  let orders: OrdersInstance;
  let tables: OrdersTables;
  const instanceId = `orders-${randomSuffix()}`;

  beforeAll(async () => {
    cluster = await TestCluster.start({ database: true });
    shop = await FakeShop.start(cluster.prefix);
    orders = await startOrders(cluster, instanceId, {
      BREAKER_THRESHOLD: '3',
      // Long enough that the second order's payment step surely meets the open breaker.
      BREAKER_COOLDOWN_MS: '2000',
      // A compensation given up during the outage is taken up again by the sweeper within a few seconds.
      SAGA_LEASE_MS: '3000',
      SAGA_SWEEP_MS: '200',
    });
    tables = await OrdersTables.open(cluster.database!.url);
  });

  afterAll(() =>
    closeAll(
      () => orders?.close(),
      () => shop?.stop(),
      () => tables?.close(),
      () => cluster?.teardown(),
    ),
  );

  it('opens the breaker for payment, fails orders with a retry hint and restores their stock once', async () => {
    const { inventory, payment } = shop;
    const lamp = inventory.addProduct('Lamp', 1250, 10);
    const [first, second] = [newShopper(), newShopper()];
    const body = { items: [{ productId: lamp, quantity: 2 }], cardNumber: APPROVED_CARD };
    const secondKey = `key-${randomSuffix()}`;
    payment.answerUnavailable();

    const firstAnswer = placeOrder(cluster, instanceId, first, body, { deadlineMs: 2000 });
    const firstId = (await waitFor(async () => (await tables.ordersOf(first.userId))[0], 'the first order'))
      .id;
    // authorize, then two voids of the compensation: three consecutive failures open the breaker.
    await waitFor(
      () => payment.peer.allCalls((r) => (r as { orderId: string }).orderId === firstId).length >= 3,
      'three failed calls to payment',
    );
    const secondAnswer = placeOrder(cluster, instanceId, second, body, { key: secondKey, deadlineMs: 2000 });
    const secondId = (
      await waitFor(async () => (await tables.ordersOf(second.userId))[0], 'the second order')
    ).id;
    await waitFor(
      async () => (await tables.timeline(secondId)).some((t) => t.step === 'AUTHORIZE_PAYMENT'),
      'the second order to fail its payment step',
    );

    // The second order's saga got past the deduction, but its payment request never left the orders module.
    expect(inventory.peer.calls(InventoryRpc.deductStock, (r) => r.orderId === secondId)).toHaveLength(1);
    expect(payment.peer.calls(PaymentRpc.authorize, (r) => r.orderId === secondId)).toHaveLength(0);
    expect(payment.peer.calls(PaymentRpc.authorize, (r) => r.orderId === firstId)).toHaveLength(1);
    // Each shopper gets BUSY with a retry hint.
    for (const answer of [await firstAnswer, await secondAnswer]) {
      expect(answer.error?.code).toBe(ErrorCode.Busy);
      expect(answer.error?.details).toMatchObject({ retryAfterSeconds: expect.any(Number) });
    }
    // The outage outlasts the compensations' own retries: each saga is let go, and the sweeper takes it up
    // again when its lease expires (an order failed without its compensation ends the wait too, and fails below).
    await waitFor(
      async () => {
        for (const id of [firstId, secondId]) {
          const done = (await tables.order(id)).status === 'FAILED';
          if (!done && !(await tables.timeline(id)).some((t) => t.step === 'SAGA_RESUMED')) return false;
        }
        return true;
      },
      'both sagas to be taken up again by the sweeper',
      15_000,
    );

    payment.answerNormally();
    const failed = await waitFor(
      async () => {
        const rows = [await tables.order(firstId), await tables.order(secondId)];
        return rows.every((r) => r.status === 'FAILED') && rows;
      },
      'both orders to be failed once payment answers again',
      20_000,
    );

    for (const row of failed) {
      expect(row).toMatchObject({
        saga_step: 'COMPENSATED',
        failure_code: ErrorCode.Busy,
        lease_owner: null,
      });
      expect(row.retry_after_s).toBeGreaterThan(0);
      expect(inventory.peer.calls(InventoryRpc.restoreStock, (r) => r.orderId === row.id)).toHaveLength(1);
      expect(payment.statusOf(row.id)).toBe('VOIDED');
      expect((await tables.outbox(row.id)).map((r) => r.type)).toEqual(['ORDER_CREATED', 'ORDER_FAILED']);
      expect(await tables.queued(row.id)).toEqual([]);
    }
    expect(inventory.onHand(lamp)).toBe(10);
    // The shopper's retry with the same key answers the outcome: BUSY with a retry hint, nothing charged.
    const retried = await placeOrder(cluster, instanceId, second, body, { key: secondKey });
    expect(retried.error?.code).toBe(ErrorCode.Busy);
    expect(retried.error?.details).toMatchObject({ orderId: secondId, status: 'FAILED' });
    expect(retried.error?.details?.retryAfterSeconds).toBeGreaterThan(0);
    expect(payment.peer.calls(PaymentRpc.authorize, (r) => r.orderId === secondId)).toHaveLength(0);
  });
});
