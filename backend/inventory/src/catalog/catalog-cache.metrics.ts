import { Injectable } from '@nestjs/common';
import { InstanceMetrics } from '@shop/messaging';
import { CatalogCache } from './catalog-cache';

/** The catalogue cache's hits, misses and entries as Prometheus metrics, read from the cache when scraped. */
@Injectable()
export class CatalogCacheMetrics {
  constructor(metrics: InstanceMetrics, cache: CatalogCache) {
    metrics.counter({
      name: 'shop_catalog_cache_requests_total',
      help: "Lookups in this instance's catalogue cache, by result (hit or miss)",
      labelNames: ['result'],
      collect() {
        const { hits, misses } = cache.stats();
        this.reset();
        this.inc({ result: 'hit' }, hits);
        this.inc({ result: 'miss' }, misses);
      },
    });
    metrics.gauge({
      name: 'shop_catalog_cache_entries',
      help: "Entries in this instance's catalogue cache",
      collect() {
        this.set(cache.stats().entries);
      },
    });
  }
}
