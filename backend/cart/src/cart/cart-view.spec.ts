import { CartItem } from './cart-item.entity';
import { toCartDto, toCartItem } from './cart-view';

const row = Object.assign(new CartItem(), {
  productId: 'p1',
  quantity: 3,
  name: 'Old name',
  imageUrl: '/assets/products/p1.svg',
  priceMinor: 500,
  currency: 'EUR',
  lastAvailable: 7,
  checkedAt: new Date('2026-01-01T00:00:00.000Z'),
  reservedUntil: new Date('2026-01-01T00:15:00.000Z'),
});

describe('cart view', () => {
  it('uses live availability and price when inventory answered', () => {
    const item = toCartItem(
      row,
      {
        productId: 'p1',
        available: 4,
        price: { amountMinor: 600, currency: 'EUR' },
        name: 'New',
        imageUrl: '/x.svg',
      },
      false,
    );
    expect(item).toMatchObject({ available: 4, stale: false, name: 'New', lineTotal: { amountMinor: 1800 } });
  });

  it('falls back to the last known values, marked stale', () => {
    const item = toCartItem(row, undefined, true);
    expect(item).toMatchObject({
      available: 7,
      stale: true,
      unitPrice: { amountMinor: 500, currency: 'EUR' },
      checkedAt: '2026-01-01T00:00:00.000Z',
    });
    const cart = toCartDto('u1', [item], '2026-01-01T00:00:00.000Z');
    expect(cart).toMatchObject({ itemCount: 3, total: { amountMinor: 1500, currency: 'EUR' }, stale: true });
  });

  it('an empty cart totals zero', () => {
    expect(toCartDto('u1', [], undefined)).toMatchObject({
      items: [],
      itemCount: 0,
      total: { amountMinor: 0 },
    });
  });
});
