import { CartItem } from './cart/cart-item.entity';
import { Cart } from './cart/cart.entity';

/** Every TypeORM entity of the cart service (its schema "cart"). */
export const cartEntities = [Cart, CartItem];
