import { CartSchema1764000000001 } from './1764000000001-cart-schema';
import { CartOrderRecords1764500000001 } from './1764500000001-cart-order-records';
import { CartPendingHolds1765000000001 } from './1765000000001-cart-pending-holds';
import { CartChangeRecords1766000000001 } from './1766000000001-cart-change-records';

/** Migrations of the cart service, in order. */
export const cartMigrations = [
  CartSchema1764000000001,
  CartOrderRecords1764500000001,
  CartPendingHolds1765000000001,
  CartChangeRecords1766000000001,
];
