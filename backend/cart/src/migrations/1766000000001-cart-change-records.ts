import { MigrationInterface, QueryRunner } from 'typeorm';

/** The first outcome of each keyed cart change (CartChangeRecord): one row per shopper and key. */
export class CartChangeRecords1766000000001 implements MigrationInterface {
  name = 'CartChangeRecords1766000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cart.change_records (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id text NOT NULL,
        idempotency_key text NOT NULL,
        request text NOT NULL,
        outcome jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX change_records_user_key ON cart.change_records (user_id, idempotency_key)`,
    );
    await q.query(`CREATE INDEX change_records_created_at ON cart.change_records (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS cart.change_records`);
  }
}
