import { ErrorCode, InventoryRpc, PaymentRpc, CartRpc, cartReservationOwner } from '@shop/contracts';
import { randomSuffix, waitFor } from '@shop/testing';
import { APPROVED_CARD, DECLINED_CARD } from './fake-shop';
import { newShopper, ordersFlowWorld, placeOrder } from './orders-flow';

jest.setTimeout(60_000);

/**
 * The checkout saga of the real orders module, in this process, on the real NATS and PostgreSQL; inventory,
 * payment and cart are fake peers on the same prefix, reached through the module's own RpcClient.
 */
describe('checkout flow (orders module, fake peers)', () => {
  const world = ordersFlowWorld();
  const instanceId = `orders-${randomSuffix()}`;

  beforeAll(async () => {
    await world.start(instanceId);
  });

  it('confirms an order of the cart: stock deducted, payment authorized, cart lines taken, queued', async () => {
    const { inventory, payment, cart } = world.shop;
    const shopper = newShopper();
    const lamp = inventory.addProduct('Lamp', 1250, 10);
    const mug = inventory.addProduct('Mug', 499, 5);
    cart.put(shopper.userId, lamp, 2);
    cart.put(shopper.userId, mug, 1);
    inventory.hold(cartReservationOwner(shopper.userId), lamp, 2);
    inventory.hold(cartReservationOwner(shopper.userId), mug, 1);

    const { order, error } = await placeOrder(world.cluster, instanceId, shopper, {
      cardNumber: APPROVED_CARD,
    });

    expect(error).toBeUndefined();
    // Lines of 2999 to the default country (no tax) below the free-shipping threshold: 499 standard shipping.
    expect(order).toMatchObject({
      status: 'PENDING',
      sagaStep: 'CONFIRMED',
      total: { amountMinor: 3498 },
      pricing: {
        subtotal: { amountMinor: 2999 },
        shipping: { amountMinor: 499 },
        total: { amountMinor: 3498 },
      },
    });
    const id = order!.id;
    expect(await world.tables.order(id)).toMatchObject({
      status: 'PENDING',
      saga_step: 'CONFIRMED',
      total_minor: '3498',
      lease_owner: null,
    });
    expect((await world.tables.timeline(id)).map((t) => [t.step, t.outcome, t.instance_id])).toEqual([
      ['ORDER_PLACED', 'ok', instanceId],
      ['STOCK_DEDUCTED', 'ok', instanceId],
      ['PAYMENT_AUTHORIZED', 'ok', instanceId],
      ['CART_UPDATED', 'ok', instanceId],
      ['CONFIRMED', 'ok', instanceId],
    ]);
    expect(await world.tables.queued(id)).toEqual([{ priority: 'normal' }]);
    const outbox = await waitFor(async () => {
      const rows = await world.tables.outbox(id);
      return rows.length === 2 && rows.every((r) => r.published) && rows;
    }, 'ORDER_CREATED and ORDER_CONFIRMED to be published');
    expect(outbox.map((r) => [r.type, r.payload.status])).toEqual([
      ['ORDER_CREATED', 'PLACED'],
      ['ORDER_CONFIRMED', 'PENDING'],
    ]);

    expect(world.shop.callsFor(id)).toEqual([
      'inventory.deductStock',
      'payment.authorize',
      'cart.removeOrderLines',
    ]);
    expect(cart.peer.calls(CartRpc.getCart, (r) => r.userId === shopper.userId)).toHaveLength(1);
    expect(inventory.peer.calls(InventoryRpc.deductStock, (r) => r.orderId === id)[0].request).toEqual({
      orderId: id,
      items: [
        { productId: lamp, quantity: 2 },
        { productId: mug, quantity: 1 },
      ],
      reservationOwnerId: cartReservationOwner(shopper.userId),
    });
    expect(payment.peer.calls(PaymentRpc.authorize, (r) => r.orderId === id)[0].request).toMatchObject({
      amountMinor: 3498,
      currency: 'USD',
      cardNumber: APPROVED_CARD,
    });
    expect(inventory.onHand(lamp)).toBe(8);
    expect(inventory.onHand(mug)).toBe(4);
    expect(cart.lines(shopper.userId)).toEqual({});
    expect(payment.statusOf(id)).toBe('AUTHORIZED');
  });

  it('compensates a declined payment: stock and cart lines given back once, nothing to void, FAILED with the reason', async () => {
    const { inventory, payment, cart } = world.shop;
    const shopper = newShopper();
    const chair = inventory.addProduct('Chair', 800, 4);
    cart.put(shopper.userId, chair, 1);
    inventory.hold(cartReservationOwner(shopper.userId), chair, 1);

    const { order, error } = await placeOrder(world.cluster, instanceId, shopper, {
      items: [{ productId: chair, quantity: 3 }],
      cardNumber: DECLINED_CARD,
    });

    expect(order).toBeUndefined();
    expect(error?.code).toBe(ErrorCode.PaymentDeclined);
    expect(error?.message).toMatch(/declined/);
    const [row] = await world.tables.ordersOf(shopper.userId);
    expect(row).toMatchObject({
      status: 'FAILED',
      saga_step: 'COMPENSATED',
      failure_code: ErrorCode.PaymentDeclined,
      failure_reason: 'Payment declined: card declined',
      lease_owner: null,
    });
    expect((await world.tables.timeline(row.id)).map((t) => [t.step, t.outcome])).toEqual([
      ['ORDER_PLACED', 'ok'],
      ['STOCK_DEDUCTED', 'ok'],
      ['AUTHORIZE_PAYMENT', 'failed'],
      ['COMPENSATION_STARTED', 'info'],
      ['STOCK_RESTORED', 'ok'],
      ['CART_RESTORED', 'ok'],
      ['FAILED', 'failed'],
    ]);
    expect(await world.tables.queued(row.id)).toEqual([]);
    const outbox = await waitFor(async () => {
      const rows = await world.tables.outbox(row.id);
      return rows.length === 2 && rows.every((r) => r.published) && rows;
    }, 'ORDER_CREATED and ORDER_FAILED to be published');
    expect(outbox.map((r) => [r.type, r.payload.status, r.payload.reason])).toEqual([
      ['ORDER_CREATED', 'PLACED', undefined],
      ['ORDER_FAILED', 'FAILED', 'Payment declined: card declined'],
    ]);

    expect(world.shop.callsFor(row.id)).toEqual([
      'inventory.deductStock',
      'inventory.restoreStock',
      'payment.authorize',
      'cart.restoreOrderLines',
    ]);
    expect(cart.peer.calls(CartRpc.restoreOrderLines, (r) => r.orderId === row.id)[0].request).toEqual({
      userId: shopper.userId,
      orderId: row.id,
      productIds: [chair],
    });
    expect(inventory.onHand(chair)).toBe(4);
    expect(payment.statusOf(row.id)).toBe('DECLINED');
  });

  it('places one order for one Idempotency-Key: a repeat answers it, a different body is refused', async () => {
    const { inventory } = world.shop;
    const shopper = newShopper();
    const desk = inventory.addProduct('Desk', 15_000, 5);
    const key = `key-${randomSuffix()}`;
    const body = { items: [{ productId: desk, quantity: 1 }], cardNumber: APPROVED_CARD };

    // Two at once (a double click) and one later (a retry after a lost answer).
    const [first, second] = await Promise.all([
      placeOrder(world.cluster, instanceId, shopper, body, { key }),
      placeOrder(world.cluster, instanceId, shopper, body, { key }),
    ]);
    const third = await placeOrder(world.cluster, instanceId, shopper, body, { key });
    const other = await placeOrder(
      world.cluster,
      instanceId,
      shopper,
      { ...body, items: [{ productId: desk, quantity: 2 }] },
      { key },
    );

    expect(first.error).toBeUndefined();
    const id = first.order!.id;
    expect(first.order).toMatchObject({ status: 'PENDING' });
    expect(second.order).toMatchObject({ id, status: 'PENDING' });
    expect(third.order).toMatchObject({ id, status: 'PENDING' });
    expect(other.error?.code).toBe(ErrorCode.IdempotencyMismatch);
    expect(other.error?.details).toMatchObject({ orderId: id });

    expect((await world.tables.ordersOf(shopper.userId)).map((o) => o.id)).toEqual([id]);
    expect(world.shop.callsFor(id)).toEqual(['inventory.deductStock', 'payment.authorize']);
    expect((await world.tables.outbox(id)).map((r) => r.type)).toEqual(['ORDER_CREATED', 'ORDER_CONFIRMED']);
    expect(await world.tables.queued(id)).toHaveLength(1);
    expect(inventory.onHand(desk)).toBe(4);
  });
});
