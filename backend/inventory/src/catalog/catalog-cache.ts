import { CacheStats } from '@shop/contracts';

interface Entry {
  value: unknown;
  expiresAt: number;
  /** Products the entry shows; undefined = it depends on any product (lists, categories). */
  productId?: string;
}

/**
 * This instance's catalogue read cache: entries live for `ttlMs`, and an invalidation drops the entries of
 * the named products plus every list (lists show stock of many products). Counts hits and misses.
 */
export class CatalogCache {
  private readonly entries = new Map<string, Entry>();
  private hits = 0;
  private misses = 0;
  private lastInvalidationAt?: string;
  private lastInvalidationKeys?: string[];

  constructor(
    readonly instanceId: string,
    readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get<T>(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > this.now()) {
      this.hits++;
      return entry.value as T;
    }
    if (entry) this.entries.delete(key);
    this.misses++;
    return undefined;
  }

  set(key: string, value: unknown, productId?: string): void {
    if (this.ttlMs <= 0) return;
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs, productId });
  }

  /** Drops the entries of these products and every multi-product entry; '*' drops everything. */
  invalidate(productIds: string[] | '*'): number {
    let dropped = 0;
    const ids = productIds === '*' ? undefined : new Set(productIds);
    for (const [key, entry] of this.entries) {
      if (!ids || entry.productId === undefined || ids.has(entry.productId)) {
        this.entries.delete(key);
        dropped++;
      }
    }
    this.lastInvalidationAt = new Date(this.now()).toISOString();
    this.lastInvalidationKeys = productIds === '*' ? ['*'] : [...productIds];
    return dropped;
  }

  stats(): CacheStats {
    const now = this.now();
    let live = 0;
    for (const entry of this.entries.values()) if (entry.expiresAt > now) live++;
    return {
      instanceId: this.instanceId,
      entries: live,
      hits: this.hits,
      misses: this.misses,
      ttlMs: this.ttlMs,
      lastInvalidationAt: this.lastInvalidationAt,
      lastInvalidationKeys: this.lastInvalidationKeys,
    };
  }
}
