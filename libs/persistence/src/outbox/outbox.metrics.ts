import { DataSource } from 'typeorm';
import type { InstanceMetrics } from '@shop/messaging';
import { OutboxRecord } from './outbox-record.entity';

/**
 * The outbox's lag as Prometheus metrics, read when scraped: how old the oldest unpublished event of the
 * schema is (0 when all are published, by the partial index on unpublished rows), how many wait, and how many
 * this instance's relay published.
 */
export function registerOutboxMetrics(
  metrics: InstanceMetrics,
  dataSource: DataSource,
  schema: string,
  published: () => number,
): void {
  metrics.gauge({
    name: 'shop_outbox_lag_seconds',
    help: 'Age of the oldest event in the outbox not yet published to JetStream (0: none waits)',
    labelNames: ['schema'],
    async collect() {
      // A failed read leaves the gauges empty for this scrape instead of failing the whole scrape.
      this.reset();
      unpublished.reset();
      const row = await dataSource
        .createQueryBuilder(OutboxRecord, 'o')
        .select('extract(epoch from (clock_timestamp() - min(o.created_at)))::float8', 'lag')
        .addSelect('count(*)::int', 'waiting')
        .where('o.published_at IS NULL')
        .getRawOne<{ lag: number | null; waiting: number }>()
        .catch(() => null);
      if (!row) return;
      this.set({ schema }, row.lag ?? 0);
      unpublished.set({ schema }, row.waiting);
    },
  });
  const unpublished = metrics.gauge({
    name: 'shop_outbox_unpublished',
    help: 'Events in the outbox not yet published (as of the last scrape of the lag)',
    labelNames: ['schema'],
  });
  metrics.counter({
    name: 'shop_outbox_published_total',
    help: "Events this instance's outbox relay published",
    labelNames: ['schema'],
    collect() {
      this.reset();
      this.inc({ schema }, published());
    },
  });
}
