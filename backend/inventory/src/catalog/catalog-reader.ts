import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, EntityManager } from 'typeorm';
import { ConsistencyMode, ReadSource } from '@shop/contracts';
import { ClusterConfigStore, MESSAGING_OPTIONS, MessagingOptions } from '@shop/messaging';
import { InventoryEnv } from '../config/inventory.env';
import { CatalogCache } from './catalog-cache';

/**
 * Answers catalogue reads as the cluster's consistency mode allows:
 * strong → always the primary, never the cache; eventual → the cache, else a read replica when
 * DATABASE_REPLICA_URLS is set, else the primary. The answer says where it came from.
 */
@Injectable()
export class CatalogReader {
  private readonly hasReplicas: boolean;

  constructor(
    private readonly ds: DataSource,
    private readonly cache: CatalogCache,
    private readonly config: ClusterConfigStore,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    env: ConfigService<InventoryEnv, true>,
  ) {
    this.hasReplicas = env.get('DATABASE_REPLICA_URLS', { infer: true }).length > 0;
  }

  mode(): ConsistencyMode {
    return this.config.current().config.consistency;
  }

  async read<T>(
    key: string,
    load: (em: EntityManager) => Promise<T>,
    productId?: string,
  ): Promise<{ value: T; servedBy: ReadSource }> {
    const consistency = this.mode();
    const servedBy = (source: ReadSource['source']): ReadSource => ({
      instanceId: this.options.instanceId,
      source,
      consistency,
    });
    if (consistency === 'strong') {
      return {
        value: await load(this.ds.manager),
        servedBy: servedBy('primary'),
      };
    }
    const cached = this.cache.get<T>(key);
    if (cached !== undefined) return { value: cached, servedBy: servedBy('cache') };
    if (!this.hasReplicas) {
      const value = await load(this.ds.manager);
      this.cache.set(key, value, productId);
      return { value, servedBy: servedBy('primary') };
    }
    const runner = this.ds.createQueryRunner('slave');
    try {
      const value = await load(runner.manager);
      this.cache.set(key, value, productId);
      return { value, servedBy: servedBy('replica') };
    } finally {
      await runner.release();
    }
  }
}
