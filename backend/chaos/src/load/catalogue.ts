import { Prng } from '../prng';
import { Schemas, ShopApi } from '../api/shop-client';

export interface CatalogueProduct {
  id: string;
  name: string;
  category: string;
}

/**
 * The products the shoppers pick from. A few "hot" products get little stock before the load starts, so
 * shoppers compete for their last units (and the restocker refills them); the rest keep the seed stock.
 */
export class Catalogue {
  constructor(
    readonly products: readonly CatalogueProduct[],
    readonly hot: readonly CatalogueProduct[],
    readonly categories: readonly string[],
    /** Words of product names, for searches. */
    readonly words: readonly string[],
  ) {}

  get cold(): CatalogueProduct[] {
    return this.products.filter((p) => !this.hot.includes(p));
  }

  static async load(api: ShopApi, rng: Prng, hotCount: number): Promise<Catalogue> {
    const products: CatalogueProduct[] = [];
    for (let page = 1; page < 100; page++) {
      const { data, error } = await api.GET('/api/products', {
        params: { query: { page, pageSize: 100, sort: 'name' } },
        signal: AbortSignal.timeout(15_000),
      });
      if (!data) throw new Error(`GET /api/products failed: ${JSON.stringify(error)}`);
      products.push(
        ...data.items.map((p: Schemas['ProductDtoSchema']) => ({
          id: p.id,
          name: p.name,
          category: p.category,
        })),
      );
      if (products.length >= data.total || data.items.length === 0) break;
    }
    if (products.length < hotCount + 5) throw new Error(`the catalogue has only ${products.length} products`);
    const hot = rng.shuffle(products).slice(0, hotCount);
    const categories = [...new Set(products.map((p) => p.category))].sort();
    const words = [
      ...new Set(
        products.flatMap((p) =>
          p.name
            .toLowerCase()
            .split(/[^a-z]+/)
            .filter((w) => w.length >= 4),
        ),
      ),
    ].sort();
    return new Catalogue(products, hot, categories, words);
  }
}
