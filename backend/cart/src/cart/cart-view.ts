import { AvailabilityDto, CartDto, CartItemDto } from '@shop/contracts';

/** A stored cart item as selected from cart.cart_items. */
export interface CartItemRow {
  product_id: string;
  quantity: number;
  name: string;
  image_url: string;
  price_minor: number;
  currency: string;
  last_available: number;
  checked_at: Date | string;
  reserved_until: Date | string;
}

export const CART_ITEM_COLUMNS =
  'product_id, quantity, name, image_url, price_minor, currency, last_available, checked_at, reserved_until';

/** One cart line: from a live availability answer, or from the stored row (then `stale` says whether it failed). */
export function toCartItem(row: CartItemRow, live: AvailabilityDto | undefined, stale: boolean): CartItemDto {
  const price = live?.price ?? { amountMinor: row.price_minor, currency: row.currency.trim() };
  return {
    productId: row.product_id,
    name: live?.name ?? row.name,
    imageUrl: live?.imageUrl ?? row.image_url,
    quantity: row.quantity,
    unitPrice: price,
    lineTotal: { amountMinor: price.amountMinor * row.quantity, currency: price.currency },
    available: live?.available ?? row.last_available,
    stale,
    checkedAt: live ? new Date().toISOString() : new Date(row.checked_at).toISOString(),
    reservedUntil: new Date(row.reserved_until).toISOString(),
  };
}

export function toCartDto(
  userId: string,
  items: CartItemDto[],
  updatedAt: Date | string | undefined,
): CartDto {
  const currency = items[0]?.unitPrice.currency ?? 'EUR';
  return {
    userId,
    items,
    itemCount: items.reduce((n, i) => n + i.quantity, 0),
    total: { amountMinor: items.reduce((n, i) => n + i.lineTotal.amountMinor, 0), currency },
    stale: items.some((i) => i.stale),
    updatedAt: new Date(updatedAt ?? Date.now()).toISOString(),
  };
}
