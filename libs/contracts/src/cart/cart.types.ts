import type { Money } from '../inventory/inventory.types';

/** Owner id of a cart's stock reservations in inventory (`cart:<userId>`). */
export function cartReservationOwner(userId: string): string {
  return `cart:${userId}`;
}

export interface CartItemDto {
  productId: string;
  name: string;
  imageUrl: string;
  quantity: number;
  /** Current unit price (last known one when `stale`). */
  unitPrice: Money;
  lineTotal: Money;
  /** Units still free in inventory, besides the ones this cart holds. */
  available: number;
  /** True when inventory did not answer in time and `available`/`unitPrice` are the last known values. */
  stale: boolean;
  /** When `available` was last read from inventory. */
  checkedAt: string;
  /** When this cart's reservation of the item lapses (refreshed by every change of the item). */
  reservedUntil: string;
}

export interface CartDto {
  userId: string;
  items: CartItemDto[];
  itemCount: number;
  /** Sum of line totals (one currency per catalogue). */
  total: Money;
  /** True when any item is stale. */
  stale: boolean;
  updatedAt: string;
}

export interface CartUserRequest {
  userId: string;
  /**
   * false: answer from the stored lines only (last known price/availability, no inventory calls) — what a
   * checkout needs, and fast. Default true: live availability per item (3 s budget, then stale values).
   */
  live?: boolean;
}

export interface AddCartItemRequest {
  userId: string;
  productId: string;
  /** Units to add to what the cart already holds (1..99). */
  quantity: number;
}

export interface SetCartItemRequest {
  userId: string;
  productId: string;
  /** New quantity of the line (1..99). */
  quantity: number;
}

export interface RemoveCartItemRequest {
  userId: string;
  productId: string;
}

/** One product and a number of its units. */
export interface CartLineQuantity {
  productId: string;
  quantity: number;
}

/**
 * What an order takes out of its shopper's cart, once per order id: each line loses at most `quantity` units
 * (a line with more keeps the rest: units added after the order read the cart).
 */
export interface RemoveOrderLinesRequest {
  userId: string;
  orderId: string;
  lines: CartLineQuantity[];
}

/** The compensation of `removeOrderLines` for a failed order (see CartRpc.restoreOrderLines). */
export interface RestoreOrderLinesRequest {
  userId: string;
  orderId: string;
  /** The products the order took or meant to take from the cart (their holds are set to the cart's lines). */
  productIds: string[];
}

export interface OrderLinesResult {
  /** What the cart gave up (removeOrderLines) or got back (restoreOrderLines) for the order. */
  lines: CartLineQuantity[];
  /** True when an earlier call for this order did the work already. */
  repeated: boolean;
}

export interface ClearCartRequest {
  userId: string;
  /** Release the cart's remaining reservations (default true; after a deduction consumed them, releases the rest). */
  releaseReservations?: boolean;
}
