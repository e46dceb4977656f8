import { CartChangeRecord } from './cart/cart-change-record.entity';
import { CartItem } from './cart/cart-item.entity';
import { CartOrderRecord } from './cart/cart-order-record.entity';
import { Cart } from './cart/cart.entity';
import { PendingHold } from './cart/pending-hold.entity';

/** Every TypeORM entity of the cart service (its schema "cart"). */
export const cartEntities = [Cart, CartItem, CartOrderRecord, PendingHold, CartChangeRecord];
