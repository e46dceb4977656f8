import { MigrationInterface, QueryRunner } from 'typeorm';

/** Cart line changes whose hold may exist before their line (PendingHold). */
export class CartPendingHolds1765000000001 implements MigrationInterface {
  name = 'CartPendingHolds1765000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cart.pending_holds (
        user_id text NOT NULL,
        product_id uuid NOT NULL,
        token uuid NOT NULL,
        instance_id text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, product_id)
      )`);
    await q.query(`CREATE INDEX pending_holds_recorded_idx ON cart.pending_holds (recorded_at)`);
    await q.query(`CREATE INDEX pending_holds_instance_idx ON cart.pending_holds (instance_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS cart.pending_holds`);
  }
}
