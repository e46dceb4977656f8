import { CartRpc, ErrorCode, InventoryRpc, PaymentRpc, cartReservationOwner } from '@shop/contracts';
import { randomSuffix, waitFor } from '@shop/testing';
import { APPROVED_CARD } from './fake-shop';
import { newShopper, ordersFlowWorld, placeOrder } from './orders-flow';

jest.setTimeout(60_000);

/**
 * Payment is out. An order's outcome never waits for it: the order gives its stock (and cart lines) back and
 * fails with a retry hint at once. Where an authorization may exist (payment gave no answer), the failed order
 * keeps its lease until its payment is voided, which happens once payment answers again; where payment itself
 * refused, nothing is asked of payment at all.
 */
describe('checkout flow: payment outage (orders module, fake peers)', () => {
  const world = ordersFlowWorld();
  const instanceId = `orders-${randomSuffix()}`;

  beforeAll(async () => {
    await world.start(instanceId, {
      BREAKER_THRESHOLD: '3',
      // Long enough that the second order's payment step surely meets the open breaker.
      BREAKER_COOLDOWN_MS: '2000',
      // A void given up during the outage is taken up again by the sweeper within a few seconds.
      SAGA_LEASE_MS: '3000',
      SAGA_SWEEP_MS: '200',
    });
  });

  it('fails orders during the outage with their stock back, and voids their payments once payment answers', async () => {
    const { inventory, payment } = world.shop;
    const lamp = inventory.addProduct('Lamp', 1250, 10);
    const [first, second] = [newShopper(), newShopper()];
    const body = { items: [{ productId: lamp, quantity: 2 }], cardNumber: APPROVED_CARD };
    const secondKey = `key-${randomSuffix()}`;
    payment.answerUnavailable();

    const firstAnswer = placeOrder(world.cluster, instanceId, first, body, { deadlineMs: 2000 });
    const firstId = (
      await waitFor(async () => (await world.tables.ordersOf(first.userId))[0], 'the first order')
    ).id;
    // The authorization, then tries of the void: three consecutive failures open the breaker.
    await waitFor(
      () => payment.peer.allCalls((r) => (r as { orderId: string }).orderId === firstId).length >= 3,
      'three failed calls to payment',
    );
    const secondAnswer = placeOrder(world.cluster, instanceId, second, body, {
      key: secondKey,
      deadlineMs: 2000,
    });
    const secondId = (
      await waitFor(async () => (await world.tables.ordersOf(second.userId))[0], 'the second order')
    ).id;

    // Each shopper gets BUSY with a retry hint.
    for (const answer of [await firstAnswer, await secondAnswer]) {
      expect(answer.error?.code).toBe(ErrorCode.Busy);
      expect(answer.error?.details).toMatchObject({ retryAfterSeconds: expect.any(Number) });
    }
    // Both orders failed while payment is still out: stock back once, the void still to do.
    const failedDuringOutage = await waitFor(
      async () => {
        const rows = [await world.tables.order(firstId), await world.tables.order(secondId)];
        return rows.every((r) => r.status === 'FAILED') && rows;
      },
      'both orders to fail while payment is out',
      10_000,
    );
    for (const row of failedDuringOutage) {
      expect(row).toMatchObject({ saga_step: 'COMPENSATING', failure_code: ErrorCode.Busy });
      expect(inventory.peer.calls(InventoryRpc.restoreStock, (r) => r.orderId === row.id)).toHaveLength(1);
      expect((await world.tables.outbox(row.id)).map((r) => r.type)).toEqual([
        'ORDER_CREATED',
        'ORDER_FAILED',
      ]);
    }
    expect(inventory.onHand(lamp)).toBe(10);
    // The second order's saga got past the deduction, but its payment request never left the orders module.
    expect(inventory.peer.calls(InventoryRpc.deductStock, (r) => r.orderId === secondId)).toHaveLength(1);
    expect(payment.peer.calls(PaymentRpc.authorize, (r) => r.orderId === secondId)).toHaveLength(0);
    expect(payment.peer.calls(PaymentRpc.authorize, (r) => r.orderId === firstId)).toHaveLength(1);

    payment.answerNormally();
    const voided = await waitFor(
      async () => {
        const rows = [await world.tables.order(firstId), await world.tables.order(secondId)];
        return rows.every((r) => r.saga_step === 'COMPENSATED') && rows;
      },
      'both payments to be voided once payment answers again',
      20_000,
    );
    for (const row of voided) {
      expect(row).toMatchObject({ status: 'FAILED', failure_code: ErrorCode.Busy, lease_owner: null });
      expect(row.retry_after_s).toBeGreaterThan(0);
      expect(payment.statusOf(row.id)).toBe('VOIDED');
      expect(inventory.peer.calls(InventoryRpc.restoreStock, (r) => r.orderId === row.id)).toHaveLength(1);
      expect((await world.tables.outbox(row.id)).map((r) => r.type)).toEqual([
        'ORDER_CREATED',
        'ORDER_FAILED',
      ]);
      expect(await world.tables.queued(row.id)).toEqual([]);
    }
    // The shopper's retry with the same key answers the outcome: BUSY with a retry hint, nothing charged.
    const retried = await placeOrder(world.cluster, instanceId, second, body, { key: secondKey });
    expect(retried.error?.code).toBe(ErrorCode.Busy);
    expect(retried.error?.details).toMatchObject({ orderId: secondId, status: 'FAILED' });
    expect(retried.error?.details?.retryAfterSeconds).toBeGreaterThan(0);
    expect(payment.peer.calls(PaymentRpc.authorize, (r) => r.orderId === secondId)).toHaveLength(0);
  });

  it('compensates an order whose payment was refused without asking payment anything more', async () => {
    const { inventory, payment, cart } = world.shop;
    const desk = inventory.addProduct('Desk', 9900, 5);
    const shopper = newShopper();
    cart.put(shopper.userId, desk, 2);
    inventory.hold(cartReservationOwner(shopper.userId), desk, 2);
    payment.answerProviderDown();
    try {
      const answer = await placeOrder(world.cluster, instanceId, shopper, { cardNumber: APPROVED_CARD });
      expect(answer.error?.code).toBe(ErrorCode.Busy);
      expect(answer.error?.details).toMatchObject({ status: 'FAILED', retryAfterSeconds: 7 });
      const [row] = await world.tables.ordersOf(shopper.userId);
      expect(row).toMatchObject({ status: 'FAILED', saga_step: 'COMPENSATED', lease_owner: null });
      expect(world.shop.callsFor(row.id)).toEqual([
        'inventory.deductStock',
        'inventory.restoreStock',
        'payment.authorize',
        'cart.restoreOrderLines',
      ]);
      expect(cart.peer.calls(CartRpc.removeOrderLines, (r) => r.orderId === row.id)).toHaveLength(0);
      expect(inventory.onHand(desk)).toBe(5);
      expect(cart.lines(shopper.userId)).toEqual({ [desk]: 2 });
    } finally {
      payment.answerNormally();
    }
  });
});
