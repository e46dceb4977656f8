import { Orders1732400000000 } from './1732400000000-orders';
import { OrdersFillfactor1764100000000 } from './1764100000000-orders-fillfactor';
import { OrdersCartLines1764500000002 } from './1764500000002-orders-cart-lines';
import { OrdersLeaseIndex1765100000000 } from './1765100000000-orders-lease-index';
import { OrdersPricing1765200000000 } from './1765200000000-orders-pricing';
import { OrdersTimelineColumn1765300000000 } from './1765300000000-orders-timeline-column';

/** Migrations of the orders service, in order. */
export const ordersMigrations = [
  Orders1732400000000,
  OrdersFillfactor1764100000000,
  OrdersCartLines1764500000002,
  OrdersLeaseIndex1765100000000,
  OrdersPricing1765200000000,
  OrdersTimelineColumn1765300000000,
];
