import { seedCatalog, SEED_CATEGORIES } from './catalog-data';
import { productSvg } from './product-image';

describe('seed catalogue', () => {
  const products = seedCatalog();

  /** Products whose name, category or description holds the word, as the catalogue search sees them. */
  const matching = (word: string) =>
    products.filter((p) => new RegExp(`\\b${word}`, 'i').test(`${p.name} ${p.category} ${p.description}`));

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

  it('keeps SKU, price and stock tied to the SKU alone', () => {
    const bySku = new Map(products.map((p) => [p.sku, p]));
    expect(bySku.get('ELEC-001')).toMatchObject({ category: 'Electronics', priceMinor: 31599, onHand: 99 });
    expect(bySku.get('GROC-022')).toMatchObject({ category: 'Grocery', priceMinor: 399, onHand: 168 });
    expect(bySku.get('BEAU-001')?.imagePath).toBe('/assets/products/beau-001.svg');
  });

  it('gives every product its own name and description, with no shared prefix', () => {
    expect(new Set(products.map((p) => p.name)).size).toBe(products.length);
    expect(new Set(products.map((p) => p.description)).size).toBe(products.length);
    const firstWords = new Map<string, number>();
    for (const p of products) {
      const first = p.name.split(' ')[0];
      firstWords.set(first, (firstWords.get(first) ?? 0) + 1);
    }
    expect(Math.max(...firstWords.values())).toBeLessThanOrEqual(5);
    for (const p of products) expect(p.description).toMatch(/^[A-Z0-9].{20,}\.$/);
  });

  it.each([
    ['headphones', 'Electronics'],
    ['coffee', 'Grocery'],
    ['novel', 'Books'],
    ['kettle', 'Home & Kitchen'],
    ['football', 'Sports'],
    ['puzzle', 'Toys'],
    ['jeans', 'Clothing'],
    ['shampoo', 'Beauty'],
    ['watering', 'Garden'],
    ['notebook', 'Office'],
  ])('finds products a shopper searches for by "%s" (in %s)', (word, category) => {
    expect(matching(word).some((p) => p.category === category && new RegExp(word, 'i').test(p.name))).toBe(
      true,
    );
  });

  it('lists 11 kinds in two versions per category', () => {
    for (const c of SEED_CATEGORIES) expect(c.kinds).toHaveLength(11);
    expect(matching('headphones').map((p) => p.sku)).toEqual(['ELEC-001', 'ELEC-012']);
  });

  it('draws a distinct SVG per product: a drawing of its kind, titled with its name', () => {
    const svgs = products.map(productSvg);
    expect(new Set(svgs).size).toBe(products.length);
    for (const [i, svg] of svgs.entries()) {
      expect(svg).toMatch(/^<svg /);
      expect(svg).toContain(
        `<title>${products[i].name.replace(/&/g, '&#38;').replace(/'/g, '&#39;')}</title>`,
      );
      expect(svg).not.toContain('<text x="200" y="165"');
    }
  });
});
