import { fellBelowThreshold, reorderQuantity } from './low-stock';

describe('low stock', () => {
  it('fires only when the stock crosses below the threshold', () => {
    expect(fellBelowThreshold({ onHand: 5, threshold: 5 }, { onHand: 4, threshold: 5 })).toBe(true);
    expect(fellBelowThreshold({ onHand: 4, threshold: 5 }, { onHand: 3, threshold: 5 })).toBe(false);
    expect(fellBelowThreshold({ onHand: 6, threshold: 5 }, { onHand: 5, threshold: 5 })).toBe(false);
    // Raising the threshold above the stock is a crossing too.
    expect(fellBelowThreshold({ onHand: 8, threshold: 5 }, { onHand: 8, threshold: 10 })).toBe(true);
  });

  it('reorders back to four times the threshold, at least 10', () => {
    expect(reorderQuantity(2, 5)).toBe(18);
    expect(reorderQuantity(0, 1)).toBe(10);
  });
});
