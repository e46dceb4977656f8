import { MigrationInterface, QueryRunner } from 'typeorm';

/** What each order took out of a cart (CartOrderRecord): one row per order id. */
export class CartOrderRecords1764500000001 implements MigrationInterface {
  name = 'CartOrderRecords1764500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cart.order_records (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id text NOT NULL UNIQUE,
        user_id text NOT NULL,
        lines jsonb NOT NULL,
        restored boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS cart.order_records`);
  }
}
