import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppLogger, envBool } from '@shop/common';
import { loadSeedCatalog } from './seed-catalog';

/** Loads the seed catalogue when the instance starts (SEED_CATALOG=false turns it off). */
@Injectable()
export class CatalogSeeder implements OnApplicationBootstrap {
  constructor(
    private readonly ds: DataSource,
    private readonly logger: AppLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!envBool('SEED_CATALOG', true)) return;
    const { inserted, total } = await loadSeedCatalog(this.ds);
    if (inserted > 0)
      this.logger.write('info', `Seed catalogue loaded: ${inserted} new of ${total} products`, {
        context: 'CatalogSeeder',
      });
  }
}
