import { seedCatalog } from './catalog-data';
import { productSvg } from './product-image';

describe('seed catalogue', () => {
  const products = seedCatalog();

  it('has at least 200 products in at least 8 categories with unique SKUs and image paths', () => {
    expect(products.length).toBeGreaterThanOrEqual(200);
    expect(new Set(products.map((p) => p.category)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(products.map((p) => p.sku)).size).toBe(products.length);
    expect(new Set(products.map((p) => p.imagePath)).size).toBe(products.length);
  });

  it('is deterministic, with integer prices and positive stock', () => {
    expect(seedCatalog()).toEqual(products);
    for (const p of products) {
      expect(Number.isInteger(p.priceMinor) && p.priceMinor > 0).toBe(true);
      expect(p.onHand).toBeGreaterThan(0);
    }
  });

  it('draws a distinct SVG per product that names it', () => {
    const svgs = products.map(productSvg);
    expect(new Set(svgs).size).toBe(products.length);
    expect(svgs[0]).toContain(products[0].name);
    expect(svgs[0]).toMatch(/^<svg /);
  });
});
