import { DatabaseEnv, databaseEnv, loadConfig } from '@shop/common';
import { DataSource, DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { OutboxRecord } from './outbox/outbox-record.entity';

export interface ServiceDatabaseOptions {
  /** Service name: also the PostgreSQL schema that holds all of its tables. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Read replica URLs (eventual-consistency reads); from DATABASE_REPLICA_URLS when not given. */
  replicaUrls?: string[];
}

/**
 * TypeORM options for one service: its own schema, its entities and the outbox's (`OutboxRecord`), migrations
 * (never `synchronize`), a bounded pool, and optional read replicas through TypeORM replication. `db` is the validated database configuration
 * (read from the environment when not given).
 */
export function serviceDataSourceOptions(
  opts: ServiceDatabaseOptions,
  db: DatabaseEnv = loadConfig(databaseEnv),
): DataSourceOptions {
  const url = db.DATABASE_URL;
  const replicaUrls = opts.replicaUrls ?? db.DATABASE_REPLICA_URLS;
  // Small pools: the default local cluster runs 12 instances against one server (max_connections is 100 by
  // default), and a 2-core server does more work with few busy backends than with many contending ones.
  // Pipeline mode lets PipelinedTransaction send a batch of statements without waiting between them; queries
  // TypeORM awaits one at a time behave as without it.
  const pool = { max: db.DATABASE_POOL_SIZE, connectionTimeoutMillis: 5000, pipeline: true };
  const common = {
    type: 'postgres' as const,
    schema: opts.schema,
    entities: [
      ...(Array.isArray(opts.entities) ? opts.entities : Object.values(opts.entities)),
      OutboxRecord,
    ],
    migrations: opts.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    extra: pool,
    applicationName: `${opts.schema}-${process.pid}`,
  };
  if (replicaUrls.length === 0) return { ...common, url };
  return { ...common, replication: { master: { url }, slaves: replicaUrls.map((u) => ({ url: u })) } };
}

/**
 * Creates the service's schema and runs pending migrations under a PostgreSQL advisory lock, so several
 * instances starting at once never run the same migration twice.
 */
export async function migrateWithLock(dataSource: DataSource, schema: string): Promise<void> {
  const runner = dataSource.createQueryRunner('master');
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`migrate:${schema}`]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock(hashtext($1))', [`migrate:${schema}`])
      .catch(() => undefined);
    await runner.release();
  }
}

/** Makes sure the database named in DATABASE_URL exists (connects to `postgres` to create it). */
export async function ensureDatabase(url = loadConfig(databaseEnv).DATABASE_URL): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const ds = new DataSource({ type: 'postgres', url: admin.toString() });
  await ds.initialize();
  try {
    const rows: unknown[] = await ds.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length === 0) {
      await ds
        .query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`)
        .catch((err: Error & { code?: string }) => {
          // Another instance created it first: duplicate_database, or unique_violation when the race is tight.
          if (err.code !== '42P04' && err.code !== '23505') throw err;
        });
    }
  } finally {
    await ds.destroy();
  }
}
