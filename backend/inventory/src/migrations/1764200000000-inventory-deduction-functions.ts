import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The two statements of an order's stock deduction as PL/pgSQL functions. PL/pgSQL keeps the plans of its
 * statements for the life of a connection, so each deduction skips parsing and planning two large queries
 * (parsing and planning were a quarter of PostgreSQL's CPU per checkout, most of it for these two), while the
 * service still sends each call with BEGIN or COMMIT in one round trip. The SQL is the deduction's, unchanged: see
 * DeductionService for what each part does.
 */
export class InventoryDeductionFunctions1764200000000 implements MigrationInterface {
  name = 'InventoryDeductionFunctions1764200000000';

  async up(q: QueryRunner): Promise<void> {
    // Locks the stock rows of the order's products in product order (no deadlocks between orders), with the
    // order's earlier deduction, if any, on every row.
    await q.query(`
      CREATE FUNCTION inventory.lock_stock_for_order(p_ids uuid[], p_order_id text)
      RETURNS TABLE (product_id uuid, on_hand integer, low_stock_threshold integer, sku text, name text,
                     price_minor integer, currency char(3), previous jsonb)
      LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      BEGIN
        RETURN QUERY
        SELECT s.product_id, s.on_hand, s.low_stock_threshold, p.sku, p.name, p.price_minor, p.currency,
               (SELECT jsonb_build_object('lines', d.lines, 'restored', d.restored)
                  FROM inventory.deductions d WHERE d.order_id = p_order_id)
          FROM inventory.stock s JOIN inventory.products p ON p.id = s.product_id
         WHERE s.product_id = ANY(p_ids) ORDER BY s.product_id FOR UPDATE OF s;
      END $$`);
    // After the row locks (a statement of its own, so it sees every hold committed before): the holds of
    // others and of the shopper, and, only when every line fits, the stock, the shopper's consumed holds and
    // the deduction record.
    await q.query(`
      CREATE FUNCTION inventory.apply_deduction(p_ids uuid[], p_quantities integer[], p_on_hand integer[],
                                                p_owner text, p_consume boolean, p_order_id text, p_lines jsonb)
      RETURNS TABLE (product_id uuid, others integer, mine integer, fits boolean)
      LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      BEGIN
        RETURN QUERY
        WITH i AS (
           SELECT * FROM unnest(p_ids, p_quantities, p_on_hand) AS i(product_id, quantity, on_hand)),
         h AS (
           SELECT r.product_id,
                  COALESCE(SUM(r.quantity) FILTER (WHERE r.owner_id <> p_owner), 0)::int AS others,
                  COALESCE(SUM(r.quantity) FILTER (WHERE r.owner_id = p_owner), 0)::int AS mine
             FROM inventory.reservations r
            WHERE r.product_id = ANY(p_ids) AND r.expires_at > now() GROUP BY r.product_id),
         c AS (
           SELECT i.product_id, i.quantity, COALESCE(h.others, 0) AS others, COALESCE(h.mine, 0) AS mine,
                  i.quantity <= GREATEST(0, i.on_hand - COALESCE(h.others, 0)) AS fits
             FROM i LEFT JOIN h ON h.product_id = i.product_id),
         ok AS (SELECT bool_and(c.fits) AS ok FROM c),
         s AS (
           UPDATE inventory.stock st SET on_hand = st.on_hand - c.quantity, version = st.version + 1, updated_at = now()
             FROM c, ok WHERE ok.ok AND st.product_id = c.product_id),
         rd AS (
           DELETE FROM inventory.reservations r USING c, ok
            WHERE ok.ok AND p_consume AND r.owner_id = p_owner AND r.product_id = c.product_id
              AND c.mine > 0 AND c.mine <= c.quantity),
         ru AS (
           UPDATE inventory.reservations r SET quantity = r.quantity - c.quantity, updated_at = now() FROM c, ok
            WHERE ok.ok AND p_consume AND r.owner_id = p_owner AND r.product_id = c.product_id AND c.mine > c.quantity),
         d AS (
           INSERT INTO inventory.deductions (order_id, lines) SELECT p_order_id, p_lines FROM ok WHERE ok.ok)
        SELECT c.product_id, c.others, c.mine, c.fits FROM c ORDER BY c.product_id;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP FUNCTION IF EXISTS inventory.apply_deduction(uuid[], integer[], integer[], text, boolean, text, jsonb)`,
    );
    await q.query(`DROP FUNCTION IF EXISTS inventory.lock_stock_for_order(uuid[], text)`);
  }
}
