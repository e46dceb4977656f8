import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  CartLineQuantity,
  OrderConfirmed,
  OrderCreated,
  OrderFailed,
  OrderItemInput,
  OrderLineDto,
  OrderPriority,
  SagaStep,
  ShippingAddress,
  TimelineEntryDto,
} from '@shop/contracts';
import { appendToOutbox, preparedQuery } from '@shop/persistence';
import { OrderRow, orderEventPayload } from './order-row';

export const SCHEMA = 'orders';

/** The OrderEventPayload of the order row aliased `o`/`u` in a statement (built in SQL for one-statement writes). */
export const ORDER_EVENT_JSON = `jsonb_build_object('orderId', id, 'userId', user_id, 'email', email, 'priority', priority,
  'status', status, 'totalMinor', total_minor, 'currency', currency, 'correlationId', correlation_id)
  || CASE WHEN failure_reason IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('reason', failure_reason) END`;

export interface NewOrder {
  id: string;
  userId: string;
  email: string;
  priority: OrderPriority;
  idempotencyKey: string;
  requestHash: string;
  items: OrderItemInput[];
  fromCart: boolean;
  shipping?: ShippingAddress;
  correlationId: string;
}

export interface TimelineStep {
  step: string;
  outcome: 'ok' | 'failed' | 'info';
  detail?: string;
}

/** Who writes a timeline entry: the instance and the request's correlation id. */
export interface StepActor {
  instanceId: string;
  correlationId: string;
}

/**
 * SQL of the order aggregate and its saga state. Every state change also writes its timeline entries and,
 * where it matters to other services, its outbox event in the same transaction. Transitions are guarded in
 * the WHERE clause (a confirm only applies to a PLACED order) and fenced by the saga lease (only the lease
 * owner may move the saga), so a step of an instance that lost its lease changes nothing.
 */
@Injectable()
export class OrdersRepository {
  constructor(@InjectDataSource() readonly ds: DataSource) {}

  async findByKey(userId: string, key: string): Promise<OrderRow | undefined> {
    const rows: OrderRow[] = await preparedQuery(
      this.ds,
      'orders.findByKey',
      `SELECT * FROM orders.orders WHERE user_id = $1 AND idempotency_key = $2`,
      [userId, key],
    );
    return rows[0];
  }

  async findById(id: string): Promise<OrderRow | undefined> {
    const rows: OrderRow[] = await preparedQuery(
      this.ds,
      'orders.findById',
      `SELECT * FROM orders.orders WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  /** Inserts the order (saga STARTED, leased by `actor`); undefined when the idempotency key was taken. */
  async create(order: NewOrder, actor: StepActor, leaseMs: number): Promise<OrderRow | undefined> {
    // One statement (atomic on its own): the order, its first timeline entry and ORDER_CREATED in the outbox.
    const rows: OrderRow[] = await preparedQuery(
      this.ds,
      'orders.create',
      `WITH o AS (
         INSERT INTO orders.orders (id, user_id, email, priority, status, saga_step, idempotency_key, request_hash,
           items, from_cart, shipping, correlation_id, lease_owner, lease_until)
         VALUES ($1, $2, $3, $4, 'PLACED', 'STARTED', $5, $6, $7::jsonb, $8, $9::jsonb, $10, $11,
           now() + $12 * interval '1 millisecond')
         ON CONFLICT (user_id, idempotency_key) DO NOTHING RETURNING *),
       t AS (
         INSERT INTO orders.order_timeline (order_id, step, outcome, instance_id, correlation_id)
         SELECT id, 'ORDER_PLACED', 'ok', $11, correlation_id FROM o),
       e AS (
         INSERT INTO orders.outbox (type, payload) SELECT '${OrderCreated.type}', ${ORDER_EVENT_JSON} FROM o)
       SELECT * FROM o`,
      [
        order.id,
        order.userId,
        order.email,
        order.priority,
        order.idempotencyKey,
        order.requestHash,
        JSON.stringify(order.items),
        order.fromCart,
        order.shipping ? JSON.stringify(order.shipping) : null,
        order.correlationId,
        actor.instanceId,
        leaseMs,
      ],
    );
    return rows[0];
  }

  /**
   * Records the deducted lines and what the order takes out of the cart. False when this instance no longer
   * holds the saga's lease (another instance took it over).
   */
  async markStockDeducted(
    id: string,
    lines: OrderLineDto[],
    cartLines: CartLineQuantity[],
    actor: StepActor,
  ): Promise<boolean> {
    const total = lines.reduce((sum, l) => sum + l.lineTotal.amountMinor, 0);
    const currency = lines[0]?.unitPrice.currency ?? 'USD';
    const rows: unknown[] = await preparedQuery(
      this.ds,
      'orders.markStockDeducted',
      `WITH o AS (
         UPDATE orders.orders SET saga_step = 'STOCK_DEDUCTED', lines = $2::jsonb, total_minor = $3, currency = $4,
           cart_lines = $8::jsonb, updated_at = now()
         WHERE id = $1 AND status = 'PLACED' AND saga_step = 'STARTED' AND lease_owner = $5 RETURNING id)
       INSERT INTO orders.order_timeline (order_id, step, outcome, instance_id, correlation_id, detail)
       SELECT id, 'STOCK_DEDUCTED', 'ok', $5, $6, $7 FROM o RETURNING order_id`,
      [
        id,
        JSON.stringify(lines),
        total,
        currency,
        actor.instanceId,
        actor.correlationId,
        describeLines(lines),
        JSON.stringify(cartLines),
      ],
    );
    return rows.length === 1;
  }

  /** Records the failure and that compensation is under way (so a successor finishes it). */
  async markCompensating(
    id: string,
    failure: { code: string; reason: string; retryAfterSeconds?: number; step: string },
    actor: StepActor,
  ): Promise<boolean> {
    return this.ds.transaction(async (m) => {
      const rows = await updateReturning<{ id: string }>(
        m,
        `UPDATE orders.orders SET saga_step = 'COMPENSATING', failure_code = $2, failure_reason = $3, retry_after_s = $4,
           updated_at = now() WHERE id = $1 AND status = 'PLACED' AND lease_owner = $5 RETURNING id`,
        [id, failure.code, failure.reason, failure.retryAfterSeconds ?? null, actor.instanceId],
      );
      if (rows.length === 0) return false;
      await this.addTimeline(m, id, actor, [
        { step: failure.step, outcome: 'failed', detail: `${failure.code}: ${failure.reason}` },
        { step: 'COMPENSATION_STARTED', outcome: 'info' },
      ]);
      return true;
    });
  }

  /**
   * Confirms the order: PENDING in its priority queue, ORDER_CONFIRMED in the outbox, in one transaction.
   * Returns the row, or undefined when the order was no longer PLACED.
   */
  async confirm(id: string, steps: TimelineStep[], actor: StepActor): Promise<OrderRow | undefined> {
    // One statement (atomic on its own): PENDING, the queue row, the timeline and ORDER_CONFIRMED.
    const all = [...steps, { step: 'CONFIRMED', outcome: 'ok' as const, detail: 'queued' }];
    const rows: OrderRow[] = await preparedQuery(
      this.ds,
      'orders.confirm',
      `WITH u AS (
         UPDATE orders.orders SET status = 'PENDING', saga_step = 'CONFIRMED', confirmed_at = now(), updated_at = now(),
           lease_owner = NULL, lease_until = NULL
         WHERE id = $1 AND status = 'PLACED' AND lease_owner = $2 RETURNING *),
       q AS (
         INSERT INTO orders.order_queue (order_id, priority) SELECT id, priority FROM u ON CONFLICT DO NOTHING),
       t AS (
         INSERT INTO orders.order_timeline (order_id, step, outcome, instance_id, correlation_id, detail)
         SELECT u.id, s.step, s.outcome, $2, $3, s.detail
           FROM u, ROWS FROM (jsonb_to_recordset($4::jsonb) AS (step text, outcome text, detail text))
                WITH ORDINALITY AS s(step, outcome, detail, n)
          ORDER BY s.n),
       e AS (
         INSERT INTO orders.outbox (type, payload) SELECT '${OrderConfirmed.type}', ${ORDER_EVENT_JSON} FROM u)
       SELECT * FROM u`,
      [id, actor.instanceId, actor.correlationId, JSON.stringify(all)],
    );
    return rows[0];
  }

  /** Terminal failure after compensation; ORDER_FAILED in the outbox. */
  async fail(
    id: string,
    failure: { code: string; reason: string; retryAfterSeconds?: number },
    steps: TimelineStep[],
    actor: StepActor,
  ): Promise<OrderRow | undefined> {
    return this.ds.transaction(async (m) => {
      const rows = await updateReturning<OrderRow>(
        m,
        `UPDATE orders.orders SET status = 'FAILED', saga_step = 'COMPENSATED',
           failure_code = COALESCE(failure_code, $2), failure_reason = COALESCE(failure_reason, $3),
           retry_after_s = COALESCE(retry_after_s, $4), updated_at = now(), lease_owner = NULL, lease_until = NULL
         WHERE id = $1 AND status = 'PLACED' AND lease_owner = $5 RETURNING *`,
        [id, failure.code, failure.reason, failure.retryAfterSeconds ?? null, actor.instanceId],
      );
      if (rows.length === 0) return undefined;
      await this.addTimeline(m, id, actor, [
        ...steps,
        { step: 'FAILED', outcome: 'failed', detail: rows[0].failure_reason ?? failure.reason },
      ]);
      await appendToOutbox(m, SCHEMA, [{ type: OrderFailed.type, payload: orderEventPayload(rows[0]) }]);
      return rows[0];
    });
  }

  async addStep(id: string, actor: StepActor, steps: TimelineStep[]): Promise<void> {
    await this.addTimeline(this.ds.manager, id, actor, steps);
  }

  /** Heartbeat: extends the leases of the sagas this instance is running. */
  async extendLeases(ids: string[], owner: string, leaseMs: number): Promise<void> {
    if (ids.length === 0) return;
    await this.ds.query(
      `UPDATE orders.orders SET lease_until = now() + $3 * interval '1 millisecond'
        WHERE id = ANY($1::uuid[]) AND lease_owner = $2 AND status = 'PLACED'`,
      [ids, owner, leaseMs],
    );
  }

  /** Takes over sagas whose lease expired (their instance died or hangs). */
  async claimExpiredSagas(owner: string, leaseMs: number, limit = 50): Promise<OrderRow[]> {
    return updateReturning<OrderRow>(
      this.ds.manager,
      `UPDATE orders.orders o SET lease_owner = $1, lease_until = now() + $2 * interval '1 millisecond'
        WHERE o.id IN (SELECT id FROM orders.orders WHERE status = 'PLACED' AND lease_until < now()
                        ORDER BY lease_until LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING o.*`,
      [owner, leaseMs, limit],
    );
  }

  async timeline(id: string): Promise<TimelineEntryDto[]> {
    const rows: {
      step: string;
      outcome: TimelineEntryDto['outcome'];
      instance_id: string;
      correlation_id: string;
      detail: string | null;
      at: Date;
    }[] = await this.ds.query(
      `SELECT step, outcome, instance_id, correlation_id, detail, at FROM orders.order_timeline WHERE order_id = $1 ORDER BY id`,
      [id],
    );
    return rows.map((r) => ({
      step: r.step,
      outcome: r.outcome,
      instanceId: r.instance_id,
      correlationId: r.correlation_id,
      detail: r.detail ?? undefined,
      at: new Date(r.at).toISOString(),
    }));
  }

  private async addTimeline(
    m: EntityManager,
    id: string,
    actor: StepActor,
    steps: TimelineStep[],
  ): Promise<void> {
    if (steps.length === 0) return;
    const values: unknown[] = [id, actor.instanceId, actor.correlationId];
    const tuples = steps.map((s, i) => {
      values.push(s.step, s.outcome, s.detail ?? null);
      return `($1, $${i * 3 + 4}, $${i * 3 + 5}, $2, $3, $${i * 3 + 6})`;
    });
    await m.query(
      `INSERT INTO orders.order_timeline (order_id, step, outcome, instance_id, correlation_id, detail) VALUES ${tuples.join(', ')}`,
      values,
    );
  }
}

export type { SagaStep };

/** TypeORM answers an UPDATE … RETURNING as [rows, count] and other statements as rows: this gives the rows. */
export async function updateReturning<T>(m: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result: unknown = await m.query(sql, params);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  )
    return result[0] as T[];
  return result as T[];
}
function describeLines(lines: OrderLineDto[]): string {
  return lines.map((l) => `${l.quantity} x ${l.name}`).join(', ');
}
