import { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated test shoppers are flagged; the admin API looks them up by tier. */
export class TestShoppers1765200000000 implements MigrationInterface {
  name = 'TestShoppers1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE auth.users ADD COLUMN IF NOT EXISTS is_test boolean NOT NULL DEFAULT false`);
    await q.query(
      `CREATE INDEX IF NOT EXISTS users_test_tier_idx ON auth.users (tier, created_at, id) WHERE is_test`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS auth.users_test_tier_idx`);
    await q.query(`ALTER TABLE auth.users DROP COLUMN IF EXISTS is_test`);
  }
}
