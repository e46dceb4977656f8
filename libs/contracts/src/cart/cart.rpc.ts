import { defineService, rpc } from '../rpc';
import {
  AddCartItemRequest,
  CartDto,
  CartUserRequest,
  ClearCartRequest,
  RemoveCartItemRequest,
  SetCartItemRequest,
} from './cart.types';

/**
 * The cart service. Errors: BAD_REQUEST (quantity), NOT_FOUND (unknown product or item not in the cart),
 * OUT_OF_STOCK `{productId, available, maxQuantity}` (see OutOfStockDetails).
 * `getCart` answers within ~3 s even when inventory hangs (items then come back `stale`).
 */
export const CartRpc = defineService('cart', {
  getCart: rpc<CartUserRequest, CartDto>('read', 6000),
  addItem: rpc<AddCartItemRequest, CartDto>('write', 8000),
  setItemQuantity: rpc<SetCartItemRequest, CartDto>('write', 8000),
  removeItem: rpc<RemoveCartItemRequest, CartDto>('write', 8000),
  /** Empties the cart (the orders service calls it after an order). */
  clear: rpc<ClearCartRequest, CartDto>('write', 8000),
});
