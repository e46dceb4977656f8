import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { preparedQuery } from '@shop/persistence';
import { DataSource } from 'typeorm';
import { OrderCompleted, OrderPriority, OrderProcessing, PriorityQueueMetrics } from '@shop/contracts';
import { OrderRow } from '../checkout/order-row';
import { ORDER_EVENT_JSON } from '../checkout/orders.repository';

export interface ClaimedOrder {
  order: OrderRow;
  waitMs: number;
}

/**
 * The durable VIP and normal queues (orders.order_queue). A worker claims the oldest unclaimed row of a
 * priority with FOR UPDATE SKIP LOCKED (workers of every instance never block each other) and holds it with
 * a lease; a row whose worker died becomes claimable again when the lease runs out.
 */
@Injectable()
export class PriorityQueueRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Claims the next order of `priority` and marks it PROCESSING (ORDER_PROCESSING in the outbox). */
  async claim(priority: OrderPriority, worker: string, leaseMs: number): Promise<ClaimedOrder | undefined> {
    // One statement (atomic on its own): the queue row's lease, PROCESSING, the timeline and the event.
    const rows: (OrderRow & { wait_ms: number })[] = await preparedQuery(
      this.ds,
      'orders.queue.claim',
      `WITH q AS (
         UPDATE orders.order_queue q SET claimed_by = $2, lease_until = clock_timestamp() + $3 * interval '1 millisecond'
          WHERE q.order_id = (
            SELECT order_id FROM orders.order_queue
             WHERE priority = $1 AND (lease_until IS NULL OR lease_until < clock_timestamp())
             ORDER BY enqueued_at LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING q.order_id, (extract(epoch FROM clock_timestamp() - q.enqueued_at) * 1000)::float8 AS wait_ms),
       u AS (
         UPDATE orders.orders o SET status = 'PROCESSING', updated_at = now(),
           processing_started_at = COALESCE(processing_started_at, clock_timestamp())
           FROM q WHERE o.id = q.order_id RETURNING o.*, q.wait_ms),
       t AS (
         INSERT INTO orders.order_timeline (order_id, step, outcome, instance_id, correlation_id, detail)
         SELECT id, 'PROCESSING', 'ok', $2, correlation_id,
                'taken from the ' || $1 || ' queue after ' || round(wait_ms)::bigint || ' ms' FROM u),
       e AS (
         INSERT INTO orders.outbox (type, payload) SELECT '${OrderProcessing.type}', ${ORDER_EVENT_JSON} FROM u)
       SELECT * FROM u`,
      [priority, worker, leaseMs],
    );
    if (rows.length === 0) return undefined;
    const { wait_ms: waitMs, ...order } = rows[0];
    return { order, waitMs };
  }

  /** Completes a claimed order: off the queue, COMPLETED, ORDER_COMPLETED in the outbox. */
  async complete(orderId: string, worker: string): Promise<OrderRow | undefined> {
    // One statement: nothing changes when the lease ran out and another worker took the order.
    const rows: OrderRow[] = await preparedQuery(
      this.ds,
      'orders.queue.complete',
      `WITH d AS (
         DELETE FROM orders.order_queue WHERE order_id = $1 AND claimed_by = $2 RETURNING order_id),
       u AS (
         UPDATE orders.orders o SET status = 'COMPLETED', completed_at = clock_timestamp(), updated_at = now()
           FROM d WHERE o.id = d.order_id RETURNING o.*),
       t AS (
         INSERT INTO orders.order_timeline (order_id, step, outcome, instance_id, correlation_id, detail)
         SELECT id, 'COMPLETED', 'ok', $2, correlation_id, 'fulfilled' FROM u),
       e AS (
         INSERT INTO orders.outbox (type, payload) SELECT '${OrderCompleted.type}', ${ORDER_EVENT_JSON} FROM u)
       SELECT * FROM u`,
      [orderId, worker],
    );
    return rows[0];
  }

  /** Cluster-wide figures per priority (depth, in progress, completions and waits from the orders table). */
  async metrics(): Promise<Omit<PriorityQueueMetrics, 'ratePerSecond'>[]> {
    const rows: {
      priority: OrderPriority;
      depth: string;
      processing: string;
      completed: string;
      avg_wait: number | null;
      p95_wait: number | null;
      p99_wait: number | null;
    }[] = await this.ds.query(
      `WITH p(priority) AS (VALUES ('vip'), ('normal')),
       q AS (SELECT priority, count(*) FILTER (WHERE claimed_by IS NULL OR lease_until < now()) AS depth,
                    count(*) FILTER (WHERE claimed_by IS NOT NULL AND lease_until >= now()) AS processing
               FROM orders.order_queue GROUP BY priority),
       w AS (SELECT priority, extract(epoch FROM processing_started_at - confirmed_at) * 1000 AS wait_ms,
                    completed_at
               FROM orders.orders WHERE processing_started_at > now() - interval '5 minutes')
       SELECT p.priority, COALESCE(q.depth, 0) AS depth, COALESCE(q.processing, 0) AS processing,
              (SELECT count(*) FROM w WHERE w.priority = p.priority AND w.completed_at > now() - interval '1 minute') AS completed,
              (SELECT avg(wait_ms) FROM w WHERE w.priority = p.priority)::float8 AS avg_wait,
              (SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY wait_ms) FROM w WHERE w.priority = p.priority)::float8 AS p95_wait,
              (SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY wait_ms) FROM w WHERE w.priority = p.priority)::float8 AS p99_wait
         FROM p LEFT JOIN q ON q.priority = p.priority`,
    );
    return rows.map((r) => ({
      priority: r.priority,
      depth: Number(r.depth),
      processing: Number(r.processing),
      completedLastMinute: Number(r.completed),
      avgWaitMs: round(r.avg_wait),
      p95WaitMs: round(r.p95_wait),
      p99WaitMs: round(r.p99_wait),
    }));
  }
}

function round(v: number | null): number {
  return v === null ? 0 : Math.round(v * 10) / 10;
}
