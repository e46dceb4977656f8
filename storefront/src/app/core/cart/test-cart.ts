import type { CartDto, CartItemDto } from '@shop/contracts';

export function cartItem(overrides: Partial<CartItemDto> = {}): CartItemDto {
  const quantity = overrides.quantity ?? 2;
  const unit = overrides.unitPrice ?? { amountMinor: 1500, currency: 'USD' };
  return {
    productId: 'p-1',
    name: 'Desk lamp',
    imageUrl: '/assets/products/p-1.svg',
    quantity,
    unitPrice: unit,
    lineTotal: { ...unit, amountMinor: unit.amountMinor * quantity },
    available: 5,
    stale: false,
    checkedAt: '2026-11-23T12:00:00.000Z',
    reservedUntil: new Date(Date.now() + 10 * 60_000).toISOString(),
    ...overrides,
  };
}

export function cartOf(items: CartItemDto[], overrides: Partial<CartDto> = {}): CartDto {
  return {
    userId: 'u-vip',
    items,
    itemCount: items.reduce((sum, i) => sum + i.quantity, 0),
    total: { currency: 'USD', amountMinor: items.reduce((sum, i) => sum + i.lineTotal.amountMinor, 0) },
    stale: items.some((i) => i.stale),
    updatedAt: '2026-11-23T12:00:00.000Z',
    ...overrides,
  };
}
