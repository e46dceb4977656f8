import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In, QueryDeepPartialEntity, UpdateQueryBuilder } from 'typeorm';
import {
  CartLineQuantity,
  EventDef,
  OrderConfirmed,
  OrderCreated,
  OrderEventPayload,
  OrderFailed,
  OrderItemInput,
  OrderLineDto,
  OrderPriority,
  OrderStatus,
  PriceBreakdown,
  ShippingAddress,
  ShippingMethod,
  TimelineEntryDto,
} from '@shop/contracts';
import {
  PipelinedTransaction,
  Statement,
  outboxInsert,
  returnedEntities,
  selectedColumns,
} from '@shop/persistence';
import { OrderEntity } from './order.entity';
import { orderEventPayload, orderTotal } from './order.mapper';
import { ORDER_TRANSITIONS, OrderTransition, statesBefore } from './order-state-machine';
import { QueuedOrderEntity } from './queued-order.entity';

export const ORDERS_SCHEMA = 'orders';

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
  destinationCountry: string;
  shippingMethod: ShippingMethod;
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

export interface OrderFailure {
  code: string;
  reason: string;
  retryAfterSeconds?: number;
}

/** What a transition writes besides the new state. */
export interface TransitionStep {
  changes?: QueryDeepPartialEntity<OrderEntity>;
  /** Parameters the `changes` expressions name. */
  parameters?: Record<string, unknown>;
  /** Fences a saga step: it applies only while this instance holds the order's lease. */
  leaseOwner?: string;
  /** Timeline entries the transition appends, written by `actor`. */
  record?: { actor: StepActor; steps: TimelineStep[] };
}

/**
 * The orders and their timelines. Every change is a transition of the order state machine: its WHERE clause
 * names the states the transition starts from (and, for saga steps, the lease owner), so a change that lost a
 * race, or a step of an instance that lost its lease, changes nothing. Each change writes its timeline entries
 * and, where other services care, its outbox event in the same transaction.
 */
@Injectable()
export class OrderRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  findById(id: string): Promise<OrderEntity | null> {
    return this.ds.manager.findOneBy(OrderEntity, { id });
  }

  findByKey(userId: string, idempotencyKey: string): Promise<OrderEntity | null> {
    return this.ds.manager.findOneBy(OrderEntity, { userId, idempotencyKey });
  }

  /** A page of orders, newest first, of one shopper or everyone, in one status or any. */
  page(
    filter: { userId?: string; status?: OrderStatus },
    window: { offset: number; pageSize: number },
  ): Promise<[OrderEntity[], number]> {
    return this.ds.manager.findAndCount(OrderEntity, {
      where: {
        ...(filter.userId !== undefined && { userId: filter.userId }),
        ...(filter.status !== undefined && { status: filter.status }),
      },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: window.offset,
      take: window.pageSize,
    });
  }

  async timeline(orderId: string): Promise<TimelineEntryDto[]> {
    const row = await this.ds.manager.findOne(OrderEntity, {
      select: { id: true, timeline: true },
      where: { id: orderId },
    });
    return row?.timeline ?? [];
  }

  /**
   * Inserts the order (PLACED, saga STARTED, leased by `actor`) with its first timeline entry and
   * ORDER_CREATED; undefined when the shopper's idempotency key was taken.
   */
  async create(order: NewOrder, actor: StepActor, leaseMs: number): Promise<OrderEntity | undefined> {
    const m = this.ds.manager;
    const insert = m
      .createQueryBuilder()
      .insert()
      .into(OrderEntity)
      .values({
        ...order,
        shipping: order.shipping ?? null,
        status: 'PLACED',
        sagaStep: 'STARTED',
        leaseOwner: actor.instanceId,
        leaseUntil: () => LEASE_END,
        timeline: timelineEntries(actor, [{ step: 'ORDER_PLACED', outcome: 'ok' }]),
      })
      .setParameter('leaseMs', leaseMs)
      .orIgnore()
      .returning(selectedColumns(m, OrderEntity));
    return PipelinedTransaction.run(this.ds, async (tx) => {
      const [inserted] = await tx.send(insert);
      const [created] = returnedEntities(m, OrderEntity, inserted.rows);
      if (!created) return undefined;
      await tx.commit(this.event(OrderCreated, created));
      return created;
    });
  }

  /**
   * Records the deducted lines, the total and what the order takes out of the cart; with `pricing`, the total
   * is the breakdown's (else the sum of the lines).
   */
  markStockDeducted(
    orderId: string,
    lines: OrderLineDto[],
    cartLines: CartLineQuantity[],
    actor: StepActor,
    pricing?: PriceBreakdown,
  ): Promise<OrderEntity | undefined> {
    const total = pricing?.total ?? orderTotal(lines);
    return this.apply(this.ds.manager, orderId, 'deductStock', {
      changes: {
        lines,
        cartLines,
        totalMinor: total.amountMinor,
        currency: total.currency,
        pricing: pricing ?? null,
      },
      leaseOwner: actor.instanceId,
      record: {
        actor,
        steps: [
          {
            step: 'STOCK_DEDUCTED',
            outcome: 'ok',
            detail: lines.map((l) => `${l.quantity} x ${l.name}`).join(', '),
          },
        ],
      },
    });
  }

  /** Records the failure and that compensation is under way (so a successor finishes it). */
  async markCompensating(
    orderId: string,
    failure: OrderFailure & { step: string },
    actor: StepActor,
  ): Promise<boolean> {
    const order = await this.apply(this.ds.manager, orderId, 'startCompensation', {
      changes: {
        failureCode: failure.code,
        failureReason: failure.reason,
        retryAfterSeconds: failure.retryAfterSeconds ?? null,
      },
      leaseOwner: actor.instanceId,
      record: {
        actor,
        steps: [
          { step: failure.step, outcome: 'failed', detail: `${failure.code}: ${failure.reason}` },
          { step: 'COMPENSATION_STARTED', outcome: 'info' },
        ],
      },
    });
    return order !== undefined;
  }

  /** Confirms the order: PENDING in its priority queue, ORDER_CONFIRMED in the outbox. */
  async confirm(orderId: string, steps: TimelineStep[], actor: StepActor): Promise<OrderEntity | undefined> {
    return this.applyWithEvent(
      orderId,
      'confirm',
      {
        changes: { confirmedAt: () => 'now()', leaseOwner: null, leaseUntil: null },
        leaseOwner: actor.instanceId,
        record: { actor, steps: [...steps, { step: 'CONFIRMED', outcome: 'ok', detail: 'queued' }] },
      },
      OrderConfirmed,
      {
        after: (order) => [
          this.ds
            .createQueryBuilder()
            .insert()
            .into(QueuedOrderEntity)
            .values({ orderId, priority: order.priority })
            .orIgnore(),
        ],
      },
    );
  }

  /**
   * Fails the order after compensation (the first recorded failure is kept: compensation records the same
   * failure it fails with); ORDER_FAILED in the outbox. With `voidPending` the saga keeps its lease in
   * COMPENSATING until the payment is voided (see `finishVoid`).
   */
  async fail(
    orderId: string,
    failure: OrderFailure,
    steps: TimelineStep[],
    actor: StepActor,
    voidPending = false,
  ): Promise<OrderEntity | undefined> {
    return this.applyWithEvent(
      orderId,
      voidPending ? 'failAwaitingVoid' : 'fail',
      {
        changes: {
          failureCode: () => 'COALESCE(failure_code, :failureCode)',
          failureReason: () => 'COALESCE(failure_reason, :failureReason)',
          retryAfterSeconds: () => 'COALESCE(retry_after_s, :retryAfterSeconds)',
          ...(voidPending ? {} : { leaseOwner: null, leaseUntil: null }),
        },
        parameters: {
          failureCode: failure.code,
          failureReason: failure.reason,
          retryAfterSeconds: failure.retryAfterSeconds ?? null,
        },
        leaseOwner: actor.instanceId,
        record: { actor, steps: [...steps, { step: 'FAILED', outcome: 'failed', detail: failure.reason }] },
      },
      OrderFailed,
    );
  }

  /** The payment of a failed order is voided: its compensation is complete and its lease released. */
  async finishVoid(orderId: string, detail: string, actor: StepActor): Promise<boolean> {
    const order = await this.apply(this.ds.manager, orderId, 'finishVoid', {
      changes: { leaseOwner: null, leaseUntil: null },
      leaseOwner: actor.instanceId,
      record: { actor, steps: [{ step: 'PAYMENT_VOIDED', outcome: 'ok', detail }] },
    });
    return order !== undefined;
  }

  /** Appends timeline entries without changing the order's state. */
  async addSteps(orderId: string, actor: StepActor, steps: TimelineStep[]): Promise<void> {
    await this.ds
      .createQueryBuilder()
      .update(OrderEntity)
      .set({ timeline: APPEND_TIMELINE, updatedAt: KEEP_UPDATED_AT })
      .where({ id: orderId })
      .setParameter('timelineEntries', JSON.stringify(timelineEntries(actor, steps)))
      .execute();
  }

  /** Heartbeat: extends the leases `owner` holds on the given orders. */
  async extendLeases(ids: string[], owner: string, leaseMs: number): Promise<void> {
    if (ids.length === 0) return;
    await this.ds
      .createQueryBuilder()
      .update(OrderEntity)
      .set({ leaseUntil: () => LEASE_END, updatedAt: KEEP_UPDATED_AT })
      .where({ id: In(ids), leaseOwner: owner })
      .setParameter('leaseMs', leaseMs)
      .execute();
  }

  /**
   * Takes over up to `limit` orders whose lease expired (their instance died, hangs, or gave the saga up),
   * except those in `running` (sagas this instance is still running, whatever their lease says).
   */
  async claimExpiredLeases(
    owner: string,
    leaseMs: number,
    running: readonly string[],
    limit = 50,
  ): Promise<OrderEntity[]> {
    return this.ds.transaction(async (m) => {
      // FOR UPDATE SKIP LOCKED is what keeps two sweeping instances from taking the same order.
      const expired = m
        .createQueryBuilder(OrderEntity, 'o')
        .select('o.id', 'id')
        .where('o.lease_until < now()')
        .orderBy('o.lease_until')
        .limit(limit)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked');
      if (running.length > 0) expired.andWhere('o.id NOT IN (:...running)', { running });
      const ids = (await expired.getRawMany<{ id: string }>()).map((r) => r.id);
      if (ids.length === 0) return [];
      await m
        .createQueryBuilder()
        .update(OrderEntity)
        .set({ leaseOwner: owner, leaseUntil: () => LEASE_END, updatedAt: KEEP_UPDATED_AT })
        .where({ id: In(ids) })
        .setParameter('leaseMs', leaseMs)
        .execute();
      return m.findBy(OrderEntity, { id: In(ids) });
    });
  }

  /**
   * Applies `name` to the order when it is in one of the states the transition starts from (and, with
   * `leaseOwner`, while that instance holds the lease): the new state, the changes, the timeline entries and a
   * new updated_at, in one statement. The row as the statement left it, or undefined when nothing changed.
   */
  async apply(
    m: EntityManager,
    orderId: string,
    name: OrderTransition,
    step: TransitionStep = {},
  ): Promise<OrderEntity | undefined> {
    const { raw } = await this.transition(m, orderId, name, step).execute();
    return returnedEntities(m, OrderEntity, raw)[0];
  }

  /**
   * Transition `name` with its event, in one transaction of two round trips (see PipelinedTransaction): the
   * `before` statements and the transition's UPDATE go first; when each `before` statement touched a row and
   * the transition matched, the event and the `after` statements commit with them, otherwise nothing is kept
   * and the answer is undefined.
   */
  async applyWithEvent(
    orderId: string,
    name: OrderTransition,
    step: TransitionStep,
    event: EventDef<OrderEventPayload>,
    opts: { before?: Statement[]; after?: (order: OrderEntity) => Statement[] } = {},
  ): Promise<OrderEntity | undefined> {
    const m = this.ds.manager;
    const before = opts.before ?? [];
    return PipelinedTransaction.run(this.ds, async (tx) => {
      const results = await tx.send(...before, this.transition(m, orderId, name, step));
      const [order] = returnedEntities(m, OrderEntity, results[before.length].rows);
      if (!order || results.slice(0, before.length).some((r) => r.rowCount === 0)) {
        await tx.rollback();
        return undefined;
      }
      await tx.commit(this.event(event, order), ...(opts.after?.(order) ?? []));
      return order;
    });
  }

  /** The statement `apply` runs: the guarded UPDATE … RETURNING of transition `name`. */
  private transition(
    m: EntityManager,
    orderId: string,
    name: OrderTransition,
    step: TransitionStep,
  ): UpdateQueryBuilder<OrderEntity> {
    const entries = step.record ? timelineEntries(step.record.actor, step.record.steps) : [];
    const update = m
      .createQueryBuilder()
      .update(OrderEntity)
      .set({
        ...ORDER_TRANSITIONS[name].to,
        ...step.changes,
        ...(entries.length > 0 && { timeline: APPEND_TIMELINE }),
      })
      .where('id = :orderId', { orderId })
      .andWhere(
        new Brackets((states) =>
          statesBefore(name).forEach((s, i) =>
            states.orWhere(`(status = :status${i} AND saga_step = :step${i})`, {
              [`status${i}`]: s.status,
              [`step${i}`]: s.sagaStep,
            }),
          ),
        ),
      )
      .setParameters({ ...step.parameters, timelineEntries: JSON.stringify(entries) });
    if (step.leaseOwner !== undefined)
      update.andWhere('lease_owner = :leaseOwner', { leaseOwner: step.leaseOwner });
    return update.returning(selectedColumns(m, OrderEntity));
  }

  /** The outbox INSERT of an order event (published by the relay once the transaction commits). */
  private event(type: EventDef<OrderEventPayload>, order: OrderEntity): Statement {
    return outboxInsert(this.ds.manager, ORDERS_SCHEMA, [
      { type: type.type, payload: orderEventPayload(order) },
    ]);
  }
}

/** The end of a lease of `:leaseMs` from now, by the database's clock (every instance compares against it). */
const LEASE_END = "now() + :leaseMs * interval '1 millisecond'";

/** Appends the entries of the `:timelineEntries` parameter (a JSON array) to the order's timeline. */
const APPEND_TIMELINE = () => 'timeline || CAST(:timelineEntries AS jsonb)';

/** The timeline entries of `steps`, written by `actor` now. */
function timelineEntries(actor: StepActor, steps: TimelineStep[]): TimelineEntryDto[] {
  const at = new Date().toISOString();
  return steps.map((s) => ({
    step: s.step,
    outcome: s.outcome,
    instanceId: actor.instanceId,
    correlationId: actor.correlationId,
    ...(s.detail !== undefined && { detail: s.detail }),
    at,
  }));
}

/** A lease change is no change of the order: its updated_at stays. */
const KEEP_UPDATED_AT = () => 'updated_at';
