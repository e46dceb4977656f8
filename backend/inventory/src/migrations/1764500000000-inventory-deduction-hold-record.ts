import { MigrationInterface, QueryRunner } from 'typeorm';
import { InventoryDeductionFunctions1764200000000 } from './1764200000000-inventory-deduction-functions';

/**
 * The deduction record keeps, per line, how many units came out of the ordering shopper's hold (`fromHold`),
 * so a repeated deduction answers it too: the orders service takes exactly those units out of the cart.
 * apply_deduction is otherwise unchanged (see InventoryDeductionFunctions and DeductionService).
 */
export class InventoryDeductionHoldRecord1764500000000 implements MigrationInterface {
  name = 'InventoryDeductionHoldRecord1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION inventory.apply_deduction(p_ids uuid[], p_quantities integer[], p_on_hand integer[],
                                                           p_owner text, p_consume boolean, p_order_id text,
                                                           p_lines jsonb)
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
           INSERT INTO inventory.deductions (order_id, lines)
           SELECT p_order_id,
                  (SELECT jsonb_agg(e.line || jsonb_build_object('fromHold',
                            CASE WHEN p_consume THEN LEAST(c.mine, c.quantity) ELSE 0 END) ORDER BY e.n)
                     FROM jsonb_array_elements(p_lines) WITH ORDINALITY AS e(line, n)
                     JOIN c ON c.product_id = (e.line->>'productId')::uuid)
             FROM ok WHERE ok.ok)
        SELECT c.product_id, c.others, c.mine, c.fits FROM c ORDER BY c.product_id;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP FUNCTION IF EXISTS inventory.apply_deduction(uuid[], integer[], integer[], text, boolean, text, jsonb)`,
    );
    await q.query(`DROP FUNCTION IF EXISTS inventory.lock_stock_for_order(uuid[], text)`);
    await new InventoryDeductionFunctions1764200000000().up(q);
  }
}
