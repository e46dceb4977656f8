import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The two statements of a cart reservation (add-to-cart, quantity change) as PL/pgSQL functions, for the
 * reason InventoryDeductionFunctions gives: PostgreSQL keeps their plans per connection instead of parsing
 * and planning them for every request. The SQL is StockService.reserve's, unchanged.
 */
export class InventoryReservationFunctions1764300000000 implements MigrationInterface {
  name = 'InventoryReservationFunctions1764300000000';

  async up(q: QueryRunner): Promise<void> {
    // Locks the product's stock row with what the reservation answer shows of the product.
    await q.query(`
      CREATE FUNCTION inventory.lock_stock_for_reservation(p_product_id uuid)
      RETURNS TABLE (on_hand integer, name text, price_minor integer, currency char(3), image_path text)
      LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      BEGIN
        RETURN QUERY
        SELECT s.on_hand, p.name, p.price_minor, p.currency, p.image_path
          FROM inventory.stock s JOIN inventory.products p ON p.id = s.product_id
         WHERE s.product_id = p_product_id FOR UPDATE OF s;
      END $$`);
    // After the row lock (a statement of its own, so it sees every hold committed before): the holds of
    // others and of the owner, and the owner's new hold (or its release) when it fits.
    await q.query(`
      CREATE FUNCTION inventory.set_reservation(p_product_id uuid, p_owner text, p_quantity integer,
                                                p_ttl_ms double precision, p_on_hand integer)
      RETURNS TABLE (others integer, mine integer, expires_at timestamptz)
      LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      BEGIN
        RETURN QUERY
        WITH h AS (
           SELECT COALESCE(SUM(r.quantity) FILTER (WHERE r.owner_id <> p_owner), 0)::int AS others,
                  COALESCE(SUM(r.quantity) FILTER (WHERE r.owner_id = p_owner), 0)::int AS mine
             FROM inventory.reservations r WHERE r.product_id = p_product_id AND r.expires_at > now()),
         w AS (
           INSERT INTO inventory.reservations AS r (owner_id, product_id, quantity, expires_at)
           SELECT p_owner, p_product_id, p_quantity, now() + make_interval(secs => p_ttl_ms / 1000) FROM h
            WHERE p_quantity > 0 AND p_quantity <= GREATEST(0, p_on_hand - h.others)
           ON CONFLICT (owner_id, product_id)
           DO UPDATE SET quantity = EXCLUDED.quantity, expires_at = EXCLUDED.expires_at, updated_at = now()
           RETURNING r.expires_at),
         d AS (
           DELETE FROM inventory.reservations r
            WHERE p_quantity = 0 AND r.owner_id = p_owner AND r.product_id = p_product_id)
        SELECT h.others, h.mine, (SELECT w.expires_at FROM w) FROM h;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP FUNCTION IF EXISTS inventory.set_reservation(uuid, text, integer, double precision, integer)`,
    );
    await q.query(`DROP FUNCTION IF EXISTS inventory.lock_stock_for_reservation(uuid)`);
  }
}
