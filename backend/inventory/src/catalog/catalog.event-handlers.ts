import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CatalogInvalidated } from '@shop/contracts';
import { AppLogger, RequestContext } from '@shop/common';
import { OnBroadcast } from '@shop/messaging';
import { InventoryEnv } from '../config/inventory.env';
import { CatalogCache } from './catalog-cache';

/** Catalogue changes broadcast by other instances (CatalogInvalidator): this instance drops those entries. */
@Injectable()
export class CatalogEventHandlers {
  /**
   * Test-only switch (INVENTORY_IGNORE_INVALIDATIONS=true): this instance ignores the broadcast, so the
   * stale reads that eventual consistency allows become observable in end-to-end tests.
   */
  private readonly ignoreBroadcasts: boolean;

  constructor(
    private readonly cache: CatalogCache,
    private readonly logger: AppLogger,
    config: ConfigService<InventoryEnv, true>,
  ) {
    this.ignoreBroadcasts = config.get('INVENTORY_IGNORE_INVALIDATIONS', { infer: true });
  }

  @OnBroadcast(CatalogInvalidated)
  onInvalidated(payload: { productIds: string[] | '*' }, ctx: RequestContext): void {
    if (this.ignoreBroadcasts) {
      this.logger.write('debug', 'Ignoring CatalogInvalidated (INVENTORY_IGNORE_INVALIDATIONS)', {
        correlationId: ctx.correlationId,
        context: 'CatalogCache',
      });
      return;
    }
    this.cache.invalidate(payload.productIds);
  }
}
