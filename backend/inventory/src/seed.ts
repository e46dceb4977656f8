import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ensureDatabase, migrateWithLock, serviceDataSourceOptions } from '@shop/persistence';
import { inventoryEntities } from './entities';
import { inventoryMigrations } from './migrations';
import { loadSeedCatalog } from './seed/seed-catalog';

/** Seed command: `node dist/backend/inventory/src/seed.js` (uses DATABASE_URL; safe to run any time). */
async function main(): Promise<void> {
  await ensureDatabase();
  const options = serviceDataSourceOptions({
    schema: 'inventory',
    entities: inventoryEntities,
    migrations: inventoryMigrations,
    replicaUrls: [],
  });
  const ds = await new DataSource(options).initialize();
  try {
    await migrateWithLock(ds, 'inventory');
    const { inserted, total } = await loadSeedCatalog(ds);
    console.log(`Seed catalogue: ${inserted} new of ${total} products`);
  } finally {
    await ds.destroy();
  }
}

main().catch((err: Error) => {
  console.error(`seed failed: ${err.stack ?? err.message}`);
  process.exit(1);
});
