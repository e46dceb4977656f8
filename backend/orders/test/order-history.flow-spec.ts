import { randomUUID } from 'node:crypto';
import { OrdersRpc } from '@shop/contracts';
import { Caller } from '@shop/common';
import { randomSuffix } from '@shop/testing';
import { APPROVED_CARD, DECLINED_CARD } from './fake-shop';
import { Shopper, newShopper, ordersFlowWorld, placeOrder } from './orders-flow';

jest.setTimeout(60_000);

/** The order history of the real orders module: a shopper's own orders, paginated and filtered; an admin's view. */
describe('order history flow (orders module, fake peers)', () => {
  const world = ordersFlowWorld();
  const instanceId = `orders-${randomSuffix()}`;

  beforeAll(async () => {
    await world.start(instanceId);
  });

  const as = (caller: Caller) => ({ correlationId: randomUUID(), caller });
  const shopperCaller = (s: Shopper): Caller => ({
    ...s,
    role: 'customer',
    tier: 'normal',
    service: 'gateway',
  });

  it('lists a shopper’s own orders newest first, by status and page; an admin sees anyone’s', async () => {
    const lamp = world.shop.inventory.addProduct('Lamp', 1250, 10);
    // Real user ids (UUIDs), as the history checks them.
    const [shopper, other] = [newShopper(), newShopper()].map((s) => ({ ...s, userId: randomUUID() }));
    const confirmed = await placeOrder(world.cluster, instanceId, shopper, {
      items: [{ productId: lamp, quantity: 2 }],
      cardNumber: APPROVED_CARD,
    });
    await placeOrder(world.cluster, instanceId, shopper, {
      items: [{ productId: lamp, quantity: 1 }],
      cardNumber: DECLINED_CARD,
    });
    await placeOrder(world.cluster, instanceId, other, {
      items: [{ productId: lamp, quantity: 1 }],
      cardNumber: APPROVED_CARD,
    });
    const { client } = world.cluster.observer;
    const to = { instanceId };

    // A shopper asking for someone else's orders gets their own.
    const mine = await client.call(
      OrdersRpc.listOrders,
      { userId: other.userId, pageSize: 1 },
      as(shopperCaller(shopper)),
      to,
    );
    expect(mine).toMatchObject({ page: 1, pageSize: 1, total: 2 });
    expect(mine.items.map((o) => o.status)).toEqual(['FAILED']);
    const pending = await client.call(
      OrdersRpc.listOrders,
      { status: 'PENDING' },
      as(shopperCaller(shopper)),
      to,
    );
    expect(pending.items).toEqual([
      // 2500 of lines and 499 standard shipping (below the free-shipping threshold, no tax in the US).
      expect.objectContaining({ id: confirmed.order!.id, total: { amountMinor: 2999, currency: 'USD' } }),
    ]);
    const admin = {
      userId: randomUUID(),
      email: 'admin@flow.test',
      role: 'admin',
      service: 'gateway',
    } as const;
    const everyone = await client.call(OrdersRpc.listOrders, {}, as(admin), to);
    expect(everyone.total).toBe(3);
    expect(everyone.items.map((o) => o.userId)).toEqual([other.userId, shopper.userId, shopper.userId]);

    const detail = await client.call(OrdersRpc.getOrder, { id: confirmed.order!.id }, as(admin), to);
    expect(detail.timeline.map((t) => t.step)).toEqual([
      'ORDER_PLACED',
      'STOCK_DEDUCTED',
      'PAYMENT_AUTHORIZED',
      'CONFIRMED',
    ]);
    expect(detail.shipping.status).toBe('awaiting-fulfilment');
  });
});
