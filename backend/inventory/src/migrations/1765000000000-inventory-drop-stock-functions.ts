import { MigrationInterface, QueryRunner } from 'typeorm';
import { InventoryDeductionFunctions1764200000000 } from './1764200000000-inventory-deduction-functions';
import { InventoryReservationFunctions1764300000000 } from './1764300000000-inventory-reservation-functions';
import { InventoryReservationBatch1764400000000 } from './1764400000000-inventory-reservation-batch';
import { InventoryDeductionHoldRecord1764500000000 } from './1764500000000-inventory-deduction-hold-record';

/** The rules for holds and deductions live in the service (ReservationService, DeductionService). */
export class InventoryDropStockFunctions1765000000000 implements MigrationInterface {
  name = 'InventoryDropStockFunctions1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP FUNCTION IF EXISTS inventory.set_reservations(uuid[], text[], integer[], double precision[])`,
    );
    await q.query(
      `DROP FUNCTION IF EXISTS inventory.apply_deduction(uuid[], integer[], integer[], text, boolean, text, jsonb)`,
    );
    await q.query(`DROP FUNCTION IF EXISTS inventory.lock_stock_for_order(uuid[], text)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const earlier of [
      new InventoryDeductionFunctions1764200000000(),
      new InventoryReservationFunctions1764300000000(),
      new InventoryReservationBatch1764400000000(),
      new InventoryDeductionHoldRecord1764500000000(),
    ])
      await earlier.up(q);
  }
}
