import { MigrationInterface, QueryRunner } from 'typeorm';
import { InventoryReservationFunctions1764300000000 } from './1764300000000-inventory-reservation-functions';

/**
 * Reservations in batches: one PL/pgSQL call applies any number of `reserve` requests, so a batch costs one
 * round trip (BEGIN, the call and COMMIT in one message) instead of two per request. It replaces the two
 * single-request functions of InventoryReservationFunctions (a single `reserve` is a batch of one).
 */
export class InventoryReservationBatch1764400000000 implements MigrationInterface {
  name = 'InventoryReservationBatch1764400000000';

  async up(q: QueryRunner): Promise<void> {
    // Item i sets owner i's hold on product i to quantity i in total (0 releases), exactly as the single
    // set_reservation did: the hold is written only when it fits in on hand minus the others' active holds.
    // Items run in order, each seeing the writes of the items before it (one owner and product twice acts
    // as two requests in sequence). A row per item: `known` is false for an unknown product.
    await q.query(`
      CREATE FUNCTION inventory.set_reservations(p_products uuid[], p_owners text[], p_quantities integer[],
                                                 p_ttl_ms double precision[])
      RETURNS TABLE (item integer, known boolean, on_hand integer, others integer, mine integer,
                     expires_at timestamptz, name text, price_minor integer, currency char(3), image_path text)
      LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      BEGIN
        -- Every stock row of the batch first, in product-id order as the order deduction and restore lock
        -- them (no deadlocks between batches, nor with orders). A statement of its own: the statements below
        -- (a volatile function takes a snapshot per statement) see every hold committed before the locks.
        PERFORM FROM inventory.stock s WHERE s.product_id = ANY(p_products) ORDER BY s.product_id FOR UPDATE;
        FOR i IN 1 .. coalesce(cardinality(p_products), 0) LOOP
          item := i;
          expires_at := NULL;
          SELECT s.on_hand, p.name, p.price_minor, p.currency, p.image_path, h.others, h.mine
            INTO on_hand, name, price_minor, currency, image_path, others, mine
            FROM inventory.stock s JOIN inventory.products p ON p.id = s.product_id,
                 LATERAL (
                   SELECT COALESCE(SUM(r.quantity) FILTER (WHERE r.owner_id <> p_owners[i]), 0)::int AS others,
                          COALESCE(SUM(r.quantity) FILTER (WHERE r.owner_id = p_owners[i]), 0)::int AS mine
                     FROM inventory.reservations r
                    WHERE r.product_id = s.product_id AND r.expires_at > now()) h
           WHERE s.product_id = p_products[i];
          known := FOUND;
          IF known AND p_quantities[i] = 0 THEN
            DELETE FROM inventory.reservations r WHERE r.owner_id = p_owners[i] AND r.product_id = p_products[i];
          ELSIF known AND p_quantities[i] <= GREATEST(0, on_hand - others) THEN
            INSERT INTO inventory.reservations AS r (owner_id, product_id, quantity, expires_at)
            VALUES (p_owners[i], p_products[i], p_quantities[i], now() + make_interval(secs => p_ttl_ms[i] / 1000))
            ON CONFLICT (owner_id, product_id)
            DO UPDATE SET quantity = EXCLUDED.quantity, expires_at = EXCLUDED.expires_at, updated_at = now()
            RETURNING r.expires_at INTO expires_at;
          END IF;
          RETURN NEXT;
        END LOOP;
      END $$`);
    await q.query(`DROP FUNCTION inventory.set_reservation(uuid, text, integer, double precision, integer)`);
    await q.query(`DROP FUNCTION inventory.lock_stock_for_reservation(uuid)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP FUNCTION IF EXISTS inventory.set_reservations(uuid[], text[], integer[], double precision[])`,
    );
    await new InventoryReservationFunctions1764300000000().up(q);
  }
}
