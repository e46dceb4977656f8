import { Injectable } from '@nestjs/common';
import { Histogram } from 'prom-client';
import { OrderPriority, PriorityQueueMetrics } from '@shop/contracts';
import { InstanceMetrics } from '@shop/messaging';
import { PriorityQueueRepository } from './priority-queue.repository';

/** Seconds buckets of the queue wait: 10 ms to 5 minutes. */
const WAIT_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/** One database read serves every gauge of a scrape. */
const SNAPSHOT_TTL_MS = 1000;

/**
 * Prometheus metrics of the VIP and normal queues: the wait of each order this instance's workers claimed
 * (a histogram, observed at the claim), and the depth and orders in processing of the whole queue (read from
 * the database when scraped).
 */
@Injectable()
export class QueueMetrics {
  private readonly wait: Histogram<'priority'>;
  private snapshot?: { at: number; queues: Promise<Omit<PriorityQueueMetrics, 'ratePerSecond'>[]> };

  constructor(metrics: InstanceMetrics, queue: PriorityQueueRepository) {
    this.wait = metrics.histogram({
      name: 'shop_queue_wait_seconds',
      help: 'Time an order waited in its queue before a worker of this instance claimed it',
      labelNames: ['priority'],
      buckets: WAIT_BUCKETS,
    });
    // A failed read leaves the gauges empty for this scrape instead of failing the whole scrape.
    const queues = () => {
      const now = Date.now();
      if (!this.snapshot || now - this.snapshot.at > SNAPSHOT_TTL_MS)
        this.snapshot = { at: now, queues: queue.metrics().catch(() => []) };
      return this.snapshot.queues;
    };
    metrics.gauge({
      name: 'shop_queue_depth',
      help: 'Orders waiting in the queue (cluster-wide)',
      labelNames: ['priority'],
      async collect() {
        this.reset();
        for (const q of await queues()) this.set({ priority: q.priority }, q.depth);
      },
    });
    metrics.gauge({
      name: 'shop_queue_processing',
      help: 'Orders a worker is fulfilling (cluster-wide)',
      labelNames: ['priority'],
      async collect() {
        this.reset();
        for (const q of await queues()) this.set({ priority: q.priority }, q.processing);
      },
    });
  }

  observeWait(priority: OrderPriority, waitMs: number): void {
    this.wait.observe({ priority }, waitMs / 1000);
  }
}
