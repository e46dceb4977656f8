import { HeldUnits } from './stock-locks';

describe('HeldUnits', () => {
  it("splits a product's holds into the owner's and everyone else's, and follows changes", () => {
    const holds = new HeldUnits([
      { productId: 'p', ownerId: 'cart:a', quantity: 2 },
      { productId: 'p', ownerId: 'cart:b', quantity: 3 },
      { productId: 'q', ownerId: 'cart:a', quantity: 1 },
    ]);
    expect(holds.mine('p', 'cart:a')).toBe(2);
    expect(holds.others('p', 'cart:a')).toBe(3);
    holds.set('p', 'cart:b', 0);
    expect(holds.others('p', 'cart:a')).toBe(0);
    holds.set('r', 'cart:c', 4);
    expect(holds.others('r', 'cart:a')).toBe(4);
    expect(holds.mine('unknown', 'cart:a')).toBe(0);
  });
});
