import { CartRpc, ErrorCode, InventoryRpc, PaymentRpc, cartReservationOwner } from '@shop/contracts';
import { randomSuffix, waitFor } from '@shop/testing';
import { APPROVED_CARD } from './fake-shop';
import { newShopper, ordersFlowWorld, placeOrder } from './orders-flow';

jest.setTimeout(60_000);

/**
 * Instance A keeps running a saga whose lease it has lost: its lease is shorter than its own heartbeat period,
 * as for an instance whose heartbeats stall, and it never sweeps. Instance B takes the saga over. The step A
 * finishes afterwards (confirming the order) changes nothing: no status, no queue row, no outbox row; B's
 * confirmation is the only one.
 */
describe('checkout flow: a saga taken over from a stalled instance (two orders instances, fake peers)', () => {
  const world = ordersFlowWorld();
  const tag = randomSuffix();
  const [aId, bId] = [`orders-a-${tag}`, `orders-b-${tag}`];

  beforeAll(async () => {
    await world.start(aId, { SAGA_LEASE_MS: '100', SAGA_SWEEP_MS: '600000' });
  });

  it('refuses the late step of the instance that lost the lease: one confirmation, one event', async () => {
    const { inventory, payment, cart } = world.shop;
    const mug = inventory.addProduct('Mug', 499, 10);
    const shopper = newShopper();
    cart.put(shopper.userId, mug, 2);
    inventory.hold(cartReservationOwner(shopper.userId), mug, 2);
    // The cart step of A, then the one of B, wait until released.
    const heldForA = cart.peer.hold(CartRpc.removeOrderLines);
    const heldForB = cart.peer.hold(CartRpc.removeOrderLines);

    const answerOfA = placeOrder(
      world.cluster,
      aId,
      shopper,
      { cardNumber: APPROVED_CARD },
      { deadlineMs: 15_000 },
    );
    const id = (await heldForA.arrived).request.orderId;
    await world.start(bId, { SAGA_LEASE_MS: '2000', SAGA_SWEEP_MS: '100' });
    await heldForB.arrived;
    expect((await world.tables.order(id)).lease_owner).toBe(bId);

    // A's cart step answers: A goes on to confirm the order it no longer holds.
    heldForA.release();
    const answered = await answerOfA;
    expect(answered.error?.code).toBe(ErrorCode.Busy);
    expect(answered.error?.details).toMatchObject({ orderInProgress: id });
    expect(await world.tables.order(id)).toMatchObject({ status: 'PLACED', lease_owner: bId });
    expect((await world.tables.outbox(id)).map((r) => r.type)).toEqual(['ORDER_CREATED']);
    expect(await world.tables.queued(id)).toEqual([]);

    heldForB.release();
    await waitFor(async () => (await world.tables.order(id)).status !== 'PLACED', 'B to finish the saga');
    expect(await world.tables.order(id)).toMatchObject({
      status: 'PENDING',
      saga_step: 'CONFIRMED',
      lease_owner: null,
    });
    expect((await world.tables.timeline(id)).map((t) => [t.step, t.instance_id])).toEqual([
      ['ORDER_PLACED', aId],
      ['STOCK_DEDUCTED', aId],
      ['SAGA_RESUMED', bId],
      ['PAYMENT_AUTHORIZED', bId],
      ['CART_UPDATED', bId],
      ['CONFIRMED', bId],
    ]);
    expect((await world.tables.outbox(id)).map((r) => r.type)).toEqual(['ORDER_CREATED', 'ORDER_CONFIRMED']);
    expect(await world.tables.queued(id)).toHaveLength(1);
    expect(world.shop.callsFor(id)).toEqual([
      'inventory.deductStock',
      'payment.authorize',
      'payment.getByOrder',
      'cart.removeOrderLines',
      'cart.removeOrderLines',
    ]);
    expect(inventory.peer.calls(InventoryRpc.deductStock, (r) => r.orderId === id)).toHaveLength(1);
    expect(payment.peer.calls(PaymentRpc.void, (r) => r.orderId === id)).toHaveLength(0);
    expect(inventory.onHand(mug)).toBe(8);
    expect(cart.lines(shopper.userId)).toEqual({});
  });
});

/**
 * One instance whose leases run out between its heartbeats (its lease is shorter than the heartbeat period) and
 * that sweeps often: its sweeper finds its own running saga's lease expired, and leaves it alone. The saga
 * finishes once, as it would with a long lease.
 */
describe('checkout flow: the sweeper and the sagas of its own instance (orders module, fake peers)', () => {
  const world = ordersFlowWorld();
  const instanceId = `orders-${randomSuffix()}`;

  beforeAll(async () => {
    await world.start(instanceId, { SAGA_LEASE_MS: '100', SAGA_SWEEP_MS: '50' });
  });

  it('never takes over a saga its own instance is running, however its lease stands', async () => {
    const { inventory } = world.shop;
    const lamp = inventory.addProduct('Lamp', 1250, 10);
    const shopper = newShopper();
    const heldDeduction = inventory.peer.hold(InventoryRpc.deductStock);

    const answer = placeOrder(world.cluster, instanceId, shopper, {
      items: [{ productId: lamp, quantity: 1 }],
      cardNumber: APPROVED_CARD,
    });
    const id = (await heldDeduction.arrived).request.orderId;
    // The lease lapses for half of every heartbeat period: many sweeps meet it expired meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    heldDeduction.release();

    expect((await answer).order).toMatchObject({ id, status: 'PENDING' });
    expect((await world.tables.timeline(id)).map((t) => t.step)).toEqual([
      'ORDER_PLACED',
      'STOCK_DEDUCTED',
      'PAYMENT_AUTHORIZED',
      'CONFIRMED',
    ]);
    expect(world.shop.callsFor(id)).toEqual(['inventory.deductStock', 'payment.authorize']);
    expect(inventory.onHand(lamp)).toBe(9);
  });
});
