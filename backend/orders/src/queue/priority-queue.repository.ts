import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OrderCompleted, OrderPriority, OrderProcessing, PriorityQueueMetrics } from '@shop/contracts';
import { OrderEntity } from '../order/order.entity';
import { OrderRepository } from '../order/order.repository';
import { QueuedOrderEntity } from '../order/queued-order.entity';

/** A queue row this instance's worker holds (its lease), and how long the order waited for it. */
export interface ClaimedOrder {
  orderId: string;
  priority: OrderPriority;
  waitMs: number;
  /** The correlation id of the request that placed the order (its fulfilment steps carry it too). */
  correlationId: string;
}

/**
 * The durable VIP and normal queues (orders.order_queue). A worker claims the oldest unclaimed row of a
 * priority and holds it with a lease; a row whose worker died becomes claimable again when the lease runs out.
 */
@Injectable()
export class PriorityQueueRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly orders: OrderRepository,
  ) {}

  /** Claims the oldest claimable order of `priority` for `worker` (one statement, so it commits on its own). */
  async claim(priority: OrderPriority, worker: string, leaseMs: number): Promise<ClaimedOrder | undefined> {
    // FOR UPDATE SKIP LOCKED is how workers of every instance take different rows without blocking each other.
    const oldest = this.ds
      .createQueryBuilder(QueuedOrderEntity, 'n')
      .select('n.order_id')
      .where('n.priority = :priority', { priority })
      .andWhere('(n.lease_until IS NULL OR n.lease_until < clock_timestamp())')
      .orderBy('n.enqueued_at')
      .limit(1)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked');
    const { raw } = await this.ds
      .createQueryBuilder()
      .update(QueuedOrderEntity)
      .set({ claimedBy: worker, leaseUntil: () => "clock_timestamp() + :leaseMs * interval '1 millisecond'" })
      .where(`order_id = (${oldest.getQuery()})`)
      .setParameters({ ...oldest.getParameters(), leaseMs })
      .returning(
        'order_id, (extract(epoch FROM clock_timestamp() - enqueued_at) * 1000)::float8 AS wait_ms, ' +
          '(SELECT o.correlation_id FROM orders.orders o WHERE o.id = order_id) AS correlation_id',
      )
      .execute();
    const [row] = raw as { order_id: string; wait_ms: number; correlation_id: string }[];
    return row && { orderId: row.order_id, priority, waitMs: row.wait_ms, correlationId: row.correlation_id };
  }

  /** The claimed order is being fulfilled: PROCESSING, ORDER_PROCESSING in the outbox. */
  async startProcessing(claimed: ClaimedOrder, worker: string): Promise<OrderEntity | undefined> {
    return this.orders.applyWithEvent(
      claimed.orderId,
      'startProcessing',
      {
        changes: { processingStartedAt: () => 'COALESCE(processing_started_at, clock_timestamp())' },
        record: {
          actor: { instanceId: worker, correlationId: claimed.correlationId },
          steps: [
            {
              step: 'PROCESSING',
              outcome: 'ok',
              detail: `taken from the ${claimed.priority} queue after ${Math.round(claimed.waitMs)} ms`,
            },
          ],
        },
      },
      OrderProcessing,
    );
  }

  /** Completes a claimed order: off the queue, COMPLETED, ORDER_COMPLETED in the outbox. */
  async complete(claimed: ClaimedOrder, worker: string): Promise<OrderEntity | undefined> {
    const { orderId } = claimed;
    return this.orders.applyWithEvent(
      orderId,
      'complete',
      {
        changes: { completedAt: () => 'clock_timestamp()' },
        record: {
          actor: { instanceId: worker, correlationId: claimed.correlationId },
          steps: [{ step: 'COMPLETED', outcome: 'ok', detail: 'fulfilled' }],
        },
      },
      OrderCompleted,
      {
        // Nothing changes when the lease ran out and another worker took the order.
        before: [
          this.ds.createQueryBuilder().delete().from(QueuedOrderEntity).where({ orderId, claimedBy: worker }),
        ],
      },
    );
  }

  /** Cluster-wide figures per priority: depth and in progress from the queue, completions and waits from the orders. */
  async metrics(): Promise<Omit<PriorityQueueMetrics, 'ratePerSecond'>[]> {
    const [queues, waits] = await Promise.all([
      this.ds.manager
        .createQueryBuilder(QueuedOrderEntity, 'q')
        .select('q.priority', 'priority')
        .addSelect('count(*) FILTER (WHERE q.claimed_by IS NULL OR q.lease_until < now())', 'depth')
        .addSelect(
          'count(*) FILTER (WHERE q.claimed_by IS NOT NULL AND q.lease_until >= now())',
          'processing',
        )
        .groupBy('q.priority')
        .getRawMany<{ priority: OrderPriority; depth: string; processing: string }>(),
      this.ds.manager
        .createQueryBuilder(OrderEntity, 'o')
        .select('o.priority', 'priority')
        .addSelect(`count(*) FILTER (WHERE o.completed_at > now() - interval '1 minute')`, 'completed')
        .addSelect(`avg(${WAIT_MS})::float8`, 'avgWait')
        .addSelect(`percentile_cont(0.95) WITHIN GROUP (ORDER BY ${WAIT_MS})::float8`, 'p95Wait')
        .addSelect(`percentile_cont(0.99) WITHIN GROUP (ORDER BY ${WAIT_MS})::float8`, 'p99Wait')
        .where(`o.processing_started_at > now() - interval '5 minutes'`)
        .groupBy('o.priority')
        .getRawMany<{
          priority: OrderPriority;
          completed: string;
          avgWait: number | null;
          p95Wait: number | null;
          p99Wait: number | null;
        }>(),
    ]);
    return (['vip', 'normal'] as const).map((priority) => {
      const q = queues.find((r) => r.priority === priority);
      const w = waits.find((r) => r.priority === priority);
      return {
        priority,
        depth: Number(q?.depth ?? 0),
        processing: Number(q?.processing ?? 0),
        completedLastMinute: Number(w?.completed ?? 0),
        avgWaitMs: round(w?.avgWait),
        p95WaitMs: round(w?.p95Wait),
        p99WaitMs: round(w?.p99Wait),
      };
    });
  }
}

/** How long a recently started order waited in its queue. */
const WAIT_MS = 'extract(epoch FROM o.processing_started_at - o.confirmed_at) * 1000';

function round(v: number | null | undefined): number {
  return v === null || v === undefined ? 0 : Math.round(v * 10) / 10;
}
