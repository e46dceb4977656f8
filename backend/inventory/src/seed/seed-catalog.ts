import { DataSource } from 'typeorm';
import { seedCatalog } from './catalog-data';

/**
 * Loads the seed catalogue idempotently: products are inserted by SKU with ON CONFLICT DO NOTHING, and
 * their stock only when the product row is new, so a restart never resets stock. An advisory lock makes
 * instances starting at once take turns (the later ones find everything there).
 */
export async function loadSeedCatalog(ds: DataSource): Promise<{ inserted: number; total: number }> {
  const products = seedCatalog();
  return ds.transaction(async (em) => {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('inventory:seed'))`);
    const rows: { inserted: number }[] = await em.query(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
           sku text, name text, description text, category text, "imagePath" text,
           "priceMinor" int, currency text, "onHand" int, "lowStockThreshold" int)
       ), new_products AS (
         INSERT INTO inventory.products (sku, name, description, category, image_path, price_minor, currency)
         SELECT sku, name, description, category, "imagePath", "priceMinor", currency FROM input
         ON CONFLICT (sku) DO NOTHING
         RETURNING id, sku
       ), new_stock AS (
         INSERT INTO inventory.stock (product_id, on_hand, low_stock_threshold)
         SELECT np.id, i."onHand", i."lowStockThreshold" FROM new_products np JOIN input i USING (sku)
         RETURNING product_id
       )
       SELECT count(*)::int AS inserted FROM new_stock`,
      [JSON.stringify(products)],
    );
    return { inserted: rows[0]?.inserted ?? 0, total: products.length };
  });
}
