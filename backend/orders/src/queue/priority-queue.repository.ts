import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OrderCompleted, OrderPriority, OrderProcessing, PriorityQueueMetrics } from '@shop/contracts';
import { appendToOutbox } from '@shop/persistence';
import { OrderRow, orderEventPayload } from '../checkout/order-row';
import { SCHEMA, updateReturning } from '../checkout/orders.repository';

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
    return this.ds.transaction(async (m) => {
      const claimed = await updateReturning<{ order_id: string; wait_ms: number }>(
        m,
        `UPDATE orders.order_queue q SET claimed_by = $2, lease_until = clock_timestamp() + $3 * interval '1 millisecond'
          WHERE q.order_id = (
            SELECT order_id FROM orders.order_queue
             WHERE priority = $1 AND (lease_until IS NULL OR lease_until < clock_timestamp())
             ORDER BY enqueued_at LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING q.order_id, (extract(epoch FROM clock_timestamp() - q.enqueued_at) * 1000)::float8 AS wait_ms`,
        [priority, worker, leaseMs],
      );
      if (claimed.length === 0) return undefined;
      const [order] = await updateReturning<OrderRow>(
        m,
        `UPDATE orders.orders SET status = 'PROCESSING', updated_at = now(),
           processing_started_at = COALESCE(processing_started_at, clock_timestamp())
         WHERE id = $1 RETURNING *`,
        [claimed[0].order_id],
      );
      if (!order) return undefined;
      await m.query(
        `INSERT INTO orders.order_timeline (order_id, step, outcome, instance_id, correlation_id, detail)
         VALUES ($1, 'PROCESSING', 'ok', $2, $3, $4)`,
        [
          order.id,
          worker,
          order.correlation_id,
          `taken from the ${priority} queue after ${Math.round(claimed[0].wait_ms)} ms`,
        ],
      );
      await appendToOutbox(m, SCHEMA, [{ type: OrderProcessing.type, payload: orderEventPayload(order) }]);
      return { order, waitMs: claimed[0].wait_ms };
    });
  }

  /** Completes a claimed order: off the queue, COMPLETED, ORDER_COMPLETED in the outbox. */
  async complete(orderId: string, worker: string): Promise<OrderRow | undefined> {
    return this.ds.transaction(async (m) => {
      const removed = await updateReturning<{ order_id: string }>(
        m,
        `DELETE FROM orders.order_queue WHERE order_id = $1 AND claimed_by = $2 RETURNING order_id`,
        [orderId, worker],
      );
      if (removed.length === 0) return undefined; // the lease ran out and another worker took it
      const [order] = await updateReturning<OrderRow>(
        m,
        `UPDATE orders.orders SET status = 'COMPLETED', completed_at = clock_timestamp(), updated_at = now()
          WHERE id = $1 RETURNING *`,
        [orderId],
      );
      await m.query(
        `INSERT INTO orders.order_timeline (order_id, step, outcome, instance_id, correlation_id, detail)
         VALUES ($1, 'COMPLETED', 'ok', $2, $3, 'fulfilled')`,
        [orderId, worker, order.correlation_id],
      );
      await appendToOutbox(m, SCHEMA, [{ type: OrderCompleted.type, payload: orderEventPayload(order) }]);
      return order;
    });
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
