import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConfigService } from '@nestjs/config';
import { AppLogger } from '@shop/common';
import { InventoryEnv } from '../config/inventory.env';
import { loadSeedCatalog } from './seed-catalog';

/** Loads the seed catalogue when the instance starts (SEED_CATALOG=false turns it off). */
@Injectable()
export class CatalogSeeder implements OnApplicationBootstrap {
  constructor(
    private readonly ds: DataSource,
    private readonly logger: AppLogger,
    private readonly config: ConfigService<InventoryEnv, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.get('SEED_CATALOG', { infer: true })) return;
    const { inserted, total } = await loadSeedCatalog(this.ds);
    if (inserted > 0)
      this.logger.write('info', `Seed catalogue loaded: ${inserted} new of ${total} products`, {
        context: 'CatalogSeeder',
      });
  }
}
