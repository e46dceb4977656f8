import { DataSource } from 'typeorm';
import { Product } from '../catalog/product.entity';
import { Stock } from '../stock/stock.entity';
import { seedCatalog } from './catalog-data';

/**
 * Loads the seed catalogue idempotently: products are inserted by SKU unless they exist, and their stock only
 * when the product row is new, so a restart never resets stock. Instances starting at once take turns on an
 * advisory lock (the later ones find everything there).
 */
export async function loadSeedCatalog(ds: DataSource): Promise<{ inserted: number; total: number }> {
  const products = seedCatalog();
  return ds.transaction(async (em) => {
    // SQL because the advisory lock is the mechanism that makes concurrent seeders take turns.
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('inventory:seed'))`);
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(Product)
      .values(
        products.map(({ sku, name, description, category, imagePath, priceMinor, currency }) => ({
          sku,
          name,
          description,
          category,
          imagePath,
          priceMinor,
          currency,
        })),
      )
      .orIgnore()
      .returning(['id', 'sku'])
      .updateEntity(false)
      .execute();
    const created = result.raw as { id: string; sku: string }[];
    if (created.length > 0) {
      const bySku = new Map(products.map((p) => [p.sku, p]));
      await em.getRepository(Stock).insert(
        created.map(({ id, sku }) => ({
          productId: id,
          onHand: bySku.get(sku)!.onHand,
          lowStockThreshold: bySku.get(sku)!.lowStockThreshold,
        })),
      );
    }
    return { inserted: created.length, total: products.length };
  });
}
