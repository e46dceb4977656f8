import { Injectable } from '@nestjs/common';
import { CatalogInvalidated } from '@shop/contracts';
import { AppLogger, RequestContext, envBool } from '@shop/common';
import { BroadcastBus, OnBroadcast } from '@shop/messaging';
import { CatalogCache } from './catalog-cache';

/**
 * Keeps every instance's catalogue cache honest: after a product or stock change commits, this instance
 * drops its own entries at once and broadcasts CatalogInvalidated so every other instance drops them too.
 */
@Injectable()
export class CatalogInvalidator {
  /**
   * Test-only switch (INVENTORY_IGNORE_INVALIDATIONS=true): this instance ignores the broadcast, so the
   * stale reads that eventual consistency allows become observable in end-to-end tests.
   */
  private readonly ignoreBroadcasts = envBool('INVENTORY_IGNORE_INVALIDATIONS', false);

  constructor(
    private readonly cache: CatalogCache,
    private readonly bus: BroadcastBus,
    private readonly logger: AppLogger,
  ) {}

  invalidate(productIds: string[] | '*', ctx: RequestContext): void {
    if (productIds !== '*' && productIds.length === 0) return;
    const ids = productIds === '*' ? productIds : [...new Set(productIds)];
    this.cache.invalidate(ids);
    this.bus.publish(CatalogInvalidated, { productIds: ids }, ctx);
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
