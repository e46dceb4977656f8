import { broadcast, OrderPriority } from '@shop/contracts';

/** Wakes idle queue workers on every orders instance when an order is queued (a poll covers a lost one). */
export const OrderQueued = broadcast<{ orderId: string; priority: OrderPriority }>('orders-order-queued');
