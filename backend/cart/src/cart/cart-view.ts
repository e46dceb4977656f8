import { AvailabilityDto, CartDto, CartItemDto } from '@shop/contracts';
import { CartItem } from './cart-item.entity';

/** One cart line: from a live availability answer, or from the stored row (then `stale` says whether it failed). */
export function toCartItem(row: CartItem, live: AvailabilityDto | undefined, stale: boolean): CartItemDto {
  const price = live?.price ?? { amountMinor: row.priceMinor, currency: row.currency.trim() };
  return {
    productId: row.productId,
    name: live?.name ?? row.name,
    imageUrl: live?.imageUrl ?? row.imageUrl,
    quantity: row.quantity,
    unitPrice: price,
    lineTotal: { amountMinor: price.amountMinor * row.quantity, currency: price.currency },
    available: live?.available ?? row.lastAvailable,
    stale,
    checkedAt: live ? new Date().toISOString() : new Date(row.checkedAt).toISOString(),
    reservedUntil: new Date(row.reservedUntil).toISOString(),
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
