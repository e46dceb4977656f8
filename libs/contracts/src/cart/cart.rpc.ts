import { defineService, rpc } from '../rpc';
import {
  AddCartItemRequest,
  CartDto,
  CartUserRequest,
  ClearCartRequest,
  OrderLinesResult,
  RemoveCartItemRequest,
  RemoveOrderLinesRequest,
  RestoreOrderLinesRequest,
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
  /** Empties the cart and releases its reservations (`DELETE /api/cart`). */
  clear: rpc<ClearCartRequest, CartDto>('write', 8000),
  /**
   * The checkout saga's step before it confirms an order: takes the ordered units out of the cart, once per
   * order id, and sets the cart's hold on each product to what is left of its line. CONFLICT when the order's
   * lines were restored already (a late call after the compensation).
   */
  removeOrderLines: rpc<RemoveOrderLinesRequest, OrderLinesResult>('write', 8000),
  /**
   * Compensation of a failed order: puts back what `removeOrderLines` took for it (once; without an earlier
   * removal it leaves a tombstone that refuses a late one), then sets the cart's holds on `productIds` to the
   * cart's lines again (the order's stock deduction consumed them).
   */
  restoreOrderLines: rpc<RestoreOrderLinesRequest, OrderLinesResult>('write', 8000),
});
