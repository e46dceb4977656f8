import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { CatalogInvalidated } from '@shop/contracts';
import { ConfigService } from '@nestjs/config';
import { RequestContext } from '@shop/common';
import { BroadcastBus } from '@shop/messaging';
import { InventoryEnv } from '../config/inventory.env';
import { CatalogCache } from './catalog-cache';

/**
 * Keeps every instance's catalogue cache honest: after a product or stock change commits, this instance
 * drops its own entries at once and broadcasts CatalogInvalidated so every other instance drops them too.
 *
 * Broadcasts are gathered for CATALOG_INVALIDATION_GATHER_MS: under load every deduction and
 * reservation changes stock, and one message for all the products changed meanwhile wakes every instance
 * once instead of once per change. Only eventual-mode reads on other instances see the extra delay (strong
 * reads skip the cache); 0 broadcasts every change on its own. The other instances drop the entries in
 * CatalogEventHandlers.
 */
@Injectable()
export class CatalogInvalidator implements OnModuleDestroy {
  private readonly gatherMs: number;
  private pending: Set<string> | '*' | undefined;
  /** The correlation id of the first change in the pending broadcast (its log lines name that request). */
  private pendingCtx?: RequestContext;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly cache: CatalogCache,
    private readonly bus: BroadcastBus,
    config: ConfigService<InventoryEnv, true>,
  ) {
    this.gatherMs = config.get('CATALOG_INVALIDATION_GATHER_MS', { infer: true });
  }

  invalidate(productIds: string[] | '*', ctx: RequestContext): void {
    if (productIds !== '*' && productIds.length === 0) return;
    const ids = productIds === '*' ? productIds : [...new Set(productIds)];
    this.cache.invalidate(ids);
    if (ids === '*' || this.pending === '*') this.pending = '*';
    else {
      this.pending ??= new Set();
      for (const id of ids) this.pending.add(id);
    }
    this.pendingCtx ??= ctx;
    if (this.gatherMs <= 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.gatherMs);
  }

  /** Sends what is pending now (also at shutdown, so no change leaves other instances stale until the TTL). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const pending = this.pending;
    const ctx = this.pendingCtx;
    this.pending = undefined;
    this.pendingCtx = undefined;
    if (!pending || !ctx) return;
    this.bus.publish(CatalogInvalidated, { productIds: pending === '*' ? '*' : [...pending] }, ctx);
  }

  /** Before the messaging module's shutdown hook closes the connection. */
  onModuleDestroy(): void {
    this.flush();
  }
}
