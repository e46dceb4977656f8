import { LRUCache } from 'lru-cache';
import { CacheStats } from '@shop/contracts';

interface Entry {
  value: unknown;
  /** The product the entry shows; undefined = it depends on any product (lists, categories). */
  productId?: string;
}

/** The most entries one instance keeps (the least recently used go first). */
const MAX_ENTRIES = 10_000;

/**
 * This instance's catalogue read cache (eventual-consistency reads skip the database while an entry lives):
 * entries live for `ttlMs`, and an invalidation drops the entries of the named products plus every list
 * (lists show stock of many products). Counts hits and misses.
 */
export class CatalogCache {
  private readonly entries?: LRUCache<string, Entry>;
  private hits = 0;
  private misses = 0;
  private lastInvalidationAt?: string;
  private lastInvalidationKeys?: string[];

  constructor(
    readonly instanceId: string,
    readonly ttlMs: number,
    private readonly clock: { now: () => number } = Date,
  ) {
    if (ttlMs > 0)
      this.entries = new LRUCache({ max: MAX_ENTRIES, ttl: ttlMs, ttlResolution: 0, perf: clock });
  }

  get<T>(key: string): T | undefined {
    const entry = this.entries?.get(key);
    if (entry) this.hits++;
    else this.misses++;
    return entry?.value as T | undefined;
  }

  set(key: string, value: unknown, productId?: string): void {
    this.entries?.set(key, { value, productId });
  }

  /** Drops the entries of these products and every multi-product entry; '*' drops everything. */
  invalidate(productIds: string[] | '*'): number {
    const ids = productIds === '*' ? undefined : new Set(productIds);
    const dropped = [...(this.entries?.entries() ?? [])]
      .filter(([, entry]) => !ids || entry.productId === undefined || ids.has(entry.productId))
      .map(([key]) => key);
    for (const key of dropped) this.entries?.delete(key);
    this.lastInvalidationAt = new Date(this.clock.now()).toISOString();
    this.lastInvalidationKeys = productIds === '*' ? ['*'] : [...productIds];
    return dropped.length;
  }

  stats(): CacheStats {
    this.entries?.purgeStale();
    return {
      instanceId: this.instanceId,
      entries: this.entries?.size ?? 0,
      hits: this.hits,
      misses: this.misses,
      ttlMs: this.ttlMs,
      lastInvalidationAt: this.lastInvalidationAt,
      lastInvalidationKeys: this.lastInvalidationKeys,
    };
  }
}
