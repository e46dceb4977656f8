import { DataSource } from 'typeorm';
import { DEFAULT_DATABASE_URL } from '@shop/common';
import { randomSuffix } from './test-ids';

/**
 * A fresh PostgreSQL database (`shop_test_<random>`) on the server of DATABASE_URL, dropped by `drop()`.
 * Services create their schemas in it themselves (PersistenceModule runs the migrations).
 */
export class TestDatabase {
  private constructor(
    readonly name: string,
    /** Connection URL of the new database, to hand to service processes as DATABASE_URL. */
    readonly url: string,
    private readonly adminUrl: string,
  ) {}

  static async create(serverUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL): Promise<TestDatabase> {
    const name = `shop_test_${randomSuffix(5)}`;
    const adminUrl = withDatabase(serverUrl, 'postgres');
    await withClient(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
    return new TestDatabase(name, withDatabase(serverUrl, name), adminUrl);
  }

  /** Drops the database, closing any connection a killed process may have left behind. */
  async drop(): Promise<void> {
    await withClient(this.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`));
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** One short-lived connection (TypeORM over pg) to run administrative statements. */
async function withClient<T>(url: string, fn: (client: DataSource) => Promise<T>): Promise<T> {
  const client = new DataSource({ type: 'postgres', url, poolSize: 1 });
  await client.initialize();
  try {
    return await fn(client);
  } finally {
    await client.destroy();
  }
}
