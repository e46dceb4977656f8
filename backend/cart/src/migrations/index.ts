import { CartSchema1764000000001 } from './1764000000001-cart-schema';

/** Migrations of the cart service, in order. */
export const cartMigrations = [CartSchema1764000000001];
