import { CartLineQuantity, MAX_CART_LINE_QUANTITY } from '@shop/contracts';

/** A cart line as the order steps see it: a product and its quantity. */
export type LineQuantities = ReadonlyMap<string, number>;

/** What taking an order's units out of a cart does: the units taken per product and each line's new quantity. */
export interface TakePlan {
  /** Units taken, per product the cart had (never more than the line held nor than the order asked). */
  taken: CartLineQuantity[];
  /** The new quantity of every product the order named (0: the line goes). */
  left: CartLineQuantity[];
}

/**
 * Takes each ordered quantity out of its line, down to zero at most: a line holding more keeps the rest (the
 * units added after the order read the cart); a product the cart no longer has gives nothing.
 */
export function planTake(cart: LineQuantities, ordered: readonly CartLineQuantity[]): TakePlan {
  const taken: CartLineQuantity[] = [];
  const left: CartLineQuantity[] = [];
  for (const { productId, quantity } of mergeLines(ordered)) {
    const current = cart.get(productId) ?? 0;
    const take = Math.min(current, quantity);
    if (take > 0) taken.push({ productId, quantity: take });
    left.push({ productId, quantity: current - take });
  }
  return { taken, left };
}

/** Each line's quantity after `returned` units are given back (a line is capped at MAX_CART_LINE_QUANTITY). */
export function planGiveBack(
  cart: LineQuantities,
  returned: readonly CartLineQuantity[],
): CartLineQuantity[] {
  return mergeLines(returned).map(({ productId, quantity }) => ({
    productId,
    quantity: Math.min(MAX_CART_LINE_QUANTITY, (cart.get(productId) ?? 0) + quantity),
  }));
}

/** One entry per product (quantities of a repeated product added up), in first-seen order. */
function mergeLines(lines: readonly CartLineQuantity[]): CartLineQuantity[] {
  const merged = new Map<string, number>();
  for (const { productId, quantity } of lines) merged.set(productId, (merged.get(productId) ?? 0) + quantity);
  return [...merged].map(([productId, quantity]) => ({ productId, quantity }));
}
