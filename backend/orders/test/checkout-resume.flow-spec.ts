import { CartRpc, ErrorCode, InventoryRpc, PaymentRpc, cartReservationOwner } from '@shop/contracts';
import { randomSuffix, waitFor } from '@shop/testing';
import { APPROVED_CARD } from './fake-shop';
import { crash, newShopper, OrdersInstance, ordersFlowWorld, placeOrder } from './orders-flow';

jest.setTimeout(60_000);

/** Short leases, so a crashed instance's sagas are taken over within seconds. */
const LEASE = { SAGA_LEASE_MS: '2000' };

/**
 * Instance A of the orders module stops (a crash: database first, then the cluster) with two sagas in the
 * middle: one waiting for its payment answer, one whose payment was authorized and that waits for the cart.
 * Instance B, started afterwards, takes both over when their leases expire and finishes each exactly once:
 * the first compensated (nothing was charged), the second confirmed. Nothing is both restored and confirmed.
 */
describe('checkout flow: crash and resume (two orders instances, fake peers)', () => {
  const world = ordersFlowWorld();
  let a: OrdersInstance | undefined;
  const tag = randomSuffix();
  const [aId, bId] = [`orders-a-${tag}`, `orders-b-${tag}`];

  beforeAll(async () => {
    // A never sweeps: only B takes sagas over.
    a = await world.start(aId, { ...LEASE, SAGA_SWEEP_MS: '600000' });
  });

  it('compensates the saga that waited for payment and confirms the one already paid, each once', async () => {
    const { inventory, payment, cart } = world.shop;
    const lamp = inventory.addProduct('Lamp', 1250, 10);
    const mug = inventory.addProduct('Mug', 499, 10);
    const [unpaid, paid] = [newShopper(), newShopper()];
    const [unpaidKey, paidKey] = [`key-${randomSuffix()}`, `key-${randomSuffix()}`];
    // Another approved card, so the fake payment peer can hold this order's authorization only.
    const unpaidBody = { items: [{ productId: lamp, quantity: 3 }], cardNumber: '4111111111111111' };
    const paidBody = { cardNumber: APPROVED_CARD };
    cart.put(paid.userId, mug, 2);
    inventory.hold(cartReservationOwner(paid.userId), mug, 2);
    const heldPayment = payment.peer.hold(
      PaymentRpc.authorize,
      (r) => r.cardNumber === unpaidBody.cardNumber,
    );
    const heldCart = cart.peer.hold(CartRpc.removeOrderLines, (r) => r.userId === paid.userId);

    // Short deadlines: A answers "still in progress" while its sagas wait at the held calls.
    const answers = Promise.all([
      placeOrder(world.cluster, aId, unpaid, unpaidBody, { key: unpaidKey, deadlineMs: 1000 }),
      placeOrder(world.cluster, aId, paid, paidBody, { key: paidKey, deadlineMs: 1000 }),
    ]);
    const unpaidId = (await heldPayment.arrived).request.orderId;
    const paidId = (await heldCart.arrived).request.orderId;
    await answers;
    expect((await world.tables.order(unpaidId)).saga_step).toBe('STOCK_DEDUCTED');
    expect((await world.tables.order(paidId)).saga_step).toBe('STOCK_DEDUCTED');
    expect(payment.statusOf(paidId)).toBe('AUTHORIZED');

    await crash(a!);
    await world.start(bId, { ...LEASE, SAGA_SWEEP_MS: '200' });
    const [unpaidRow, paidRow] = await waitFor(
      async () => {
        const rows = [await world.tables.order(unpaidId), await world.tables.order(paidId)];
        return rows.every((r) => r.status !== 'PLACED' && r.saga_step !== 'COMPENSATING') && rows;
      },
      'instance B to finish both sagas (and the void of the failed one)',
      20_000,
    );

    // Waiting for payment: compensated by B, stock back once, nothing charged.
    expect(unpaidRow).toMatchObject({
      status: 'FAILED',
      saga_step: 'COMPENSATED',
      failure_code: ErrorCode.Busy,
      lease_owner: null,
    });
    expect(world.shop.callsFor(unpaidId)).toEqual([
      'inventory.deductStock',
      'inventory.restoreStock',
      'payment.authorize',
      'payment.getByOrder',
      'payment.void',
    ]);
    expect(inventory.onHand(lamp)).toBe(10);
    expect(payment.statusOf(unpaidId)).toBe('VOIDED');
    expect((await world.tables.outbox(unpaidId)).map((r) => r.type)).toEqual([
      'ORDER_CREATED',
      'ORDER_FAILED',
    ]);
    expect(await world.tables.queued(unpaidId)).toEqual([]);
    const unpaidSteps = await world.tables.timeline(unpaidId);
    expect(unpaidSteps.map((t) => [t.step, t.instance_id])).toEqual([
      ['ORDER_PLACED', aId],
      ['STOCK_DEDUCTED', aId],
      ['SAGA_RESUMED', bId],
      ['RESUME', bId],
      ['COMPENSATION_STARTED', bId],
      ['STOCK_RESTORED', bId],
      ['FAILED', bId],
      ['PAYMENT_VOIDED', bId],
    ]);

    // Paid: confirmed by B, stock deducted once, cart lines taken once, never restored.
    expect(paidRow).toMatchObject({ status: 'PENDING', saga_step: 'CONFIRMED', lease_owner: null });
    expect(world.shop.callsFor(paidId)).toEqual([
      'inventory.deductStock',
      'payment.authorize',
      'payment.getByOrder',
      'cart.removeOrderLines',
      'cart.removeOrderLines',
    ]);
    expect(inventory.peer.calls(InventoryRpc.restoreStock, (r) => r.orderId === paidId)).toHaveLength(0);
    expect(inventory.onHand(mug)).toBe(8);
    expect(cart.lines(paid.userId)).toEqual({});
    expect(payment.statusOf(paidId)).toBe('AUTHORIZED');
    expect((await world.tables.outbox(paidId)).map((r) => r.type)).toEqual([
      'ORDER_CREATED',
      'ORDER_CONFIRMED',
    ]);
    expect(await world.tables.queued(paidId)).toHaveLength(1);
    expect((await world.tables.timeline(paidId)).map((t) => [t.step, t.instance_id])).toEqual([
      ['ORDER_PLACED', aId],
      ['STOCK_DEDUCTED', aId],
      ['SAGA_RESUMED', bId],
      ['PAYMENT_AUTHORIZED', bId],
      ['CART_UPDATED', bId],
      ['CONFIRMED', bId],
    ]);

    // Each shopper's retry with the same key, now on B, answers the outcome.
    const [unpaidRetry, paidRetry] = [
      await placeOrder(world.cluster, bId, unpaid, unpaidBody, { key: unpaidKey }),
      await placeOrder(world.cluster, bId, paid, paidBody, { key: paidKey }),
    ];
    expect(unpaidRetry.error?.code).toBe(ErrorCode.Busy);
    expect(unpaidRetry.error?.details).toMatchObject({ orderId: unpaidId, status: 'FAILED' });
    expect(paidRetry.order).toMatchObject({ id: paidId, status: 'PENDING' });
  });
});
