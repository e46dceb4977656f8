import { MigrationInterface, QueryRunner } from 'typeorm';

/** Users (email unique case-insensitively), sessions with hashed rotating refresh tokens, login throttle. */
export class CreateAuthTables1763940000000 implements MigrationInterface {
  name = 'CreateAuthTables1763940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE auth.users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL,
        password_hash varchar(100) NOT NULL,
        role varchar(16) NOT NULL DEFAULT 'customer' CHECK (role IN ('customer', 'admin')),
        tier varchar(16) NOT NULL DEFAULT 'normal' CHECK (tier IN ('normal', 'vip')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The uniqueness guarantee under concurrent registrations: the database refuses the second row.
    await q.query(`CREATE UNIQUE INDEX users_email_lower_key ON auth.users (lower(email))`);
    await q.query(`CREATE INDEX users_created_at_idx ON auth.users (created_at, id)`);

    await q.query(`
      CREATE TABLE auth.sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
        refresh_token_hash char(64) NOT NULL,
        previous_refresh_hash char(64),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason varchar(32),
        client_ip varchar(64),
        user_agent varchar(300),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX sessions_refresh_token_hash_key ON auth.sessions (refresh_token_hash)`,
    );
    await q.query(
      `CREATE INDEX sessions_previous_refresh_hash_idx ON auth.sessions (previous_refresh_hash)
         WHERE previous_refresh_hash IS NOT NULL`,
    );
    await q.query(`CREATE INDEX sessions_user_id_idx ON auth.sessions (user_id)`);
    await q.query(`CREATE INDEX sessions_expires_at_idx ON auth.sessions (expires_at)`);

    await q.query(`
      CREATE TABLE auth.login_throttle (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key varchar(300) NOT NULL,
        failures int NOT NULL DEFAULT 0,
        window_started_at timestamptz NOT NULL DEFAULT now(),
        blocked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX login_throttle_key_key ON auth.login_throttle (key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS auth.login_throttle`);
    await q.query(`DROP TABLE IF EXISTS auth.sessions`);
    await q.query(`DROP TABLE IF EXISTS auth.users`);
  }
}
