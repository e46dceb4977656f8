import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The saga sweeper looks for leases that ran out on running sagas (PLACED) and on failed orders whose payment
 * void is still pending (FAILED, COMPENSATING): every leased order, whatever its status.
 */
export class OrdersLeaseIndex1765100000000 implements MigrationInterface {
  name = 'OrdersLeaseIndex1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "orders_lease" ON "orders"."orders" ("lease_until") WHERE "lease_until" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "orders"."orders_lease"`);
  }
}
