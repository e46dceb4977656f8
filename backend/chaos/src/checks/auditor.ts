import { NatsConnection } from '@nats-io/transport-node';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { DataSource } from 'typeorm';
import { DomainEventEnvelope } from '@shop/contracts';
import { decodeJson, eventsStreamName } from '@shop/messaging';
import { MAIL_CONSUMER } from '../../../notification/src/mail/order-mail';
import {
  AuditSnapshot,
  CartLineState,
  ConsumerState,
  DeductionState,
  HoldState,
  OrderState,
  OutboxState,
  PaymentState,
  ProcessedState,
  StreamMessage,
} from './snapshot';

/**
 * The orders of one chaos run on a shared cluster: those placed with these Idempotency-Keys (every key is a
 * fresh random one), from `since` on.
 */
export interface AuditScope {
  orderKeys: readonly string[];
  since: Date;
}

/** Services that keep an outbox, and services with a processed-message record. */
const OUTBOX_SCHEMAS = ['orders', 'payment', 'inventory'] as const;
const PROCESSED_SCHEMAS = ['orders'] as const;

/**
 * Reads the services' tables (as an outside auditor: read-only, through TypeORM's query builder on the
 * tables the migrations define) and the JetStream events stream and its durable consumers.
 */
export class Auditor {
  private constructor(
    private readonly ds: DataSource,
    private readonly nc: NatsConnection,
    private readonly prefix: string,
  ) {}

  static async connect(databaseUrl: string, nc: NatsConnection, prefix: string): Promise<Auditor> {
    const ds = new DataSource({ type: 'postgres', url: databaseUrl, extra: { max: 2 } });
    await ds.initialize();
    return new Auditor(ds, nc, prefix);
  }

  async close(): Promise<void> {
    await this.ds.destroy().catch(() => undefined);
  }

  /** on_hand of every product. */
  async stock(): Promise<Record<string, number>> {
    const rows = await this.ds
      .createQueryBuilder()
      .select('s.product_id', 'productId')
      .addSelect('s.on_hand', 'onHand')
      .from('inventory.stock', 's')
      .getRawMany<{ productId: string; onHand: number }>();
    return Object.fromEntries(rows.map((r) => [r.productId, Number(r.onHand)]));
  }

  /** Orders by status (for the wait until every saga is terminal), of the scope's orders when given. */
  async orderStatusCounts(scope?: AuditScope): Promise<Record<string, number>> {
    if (scope && scope.orderKeys.length === 0) return {};
    const query = this.ds
      .createQueryBuilder()
      .select('o.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .from('orders.orders', 'o')
      .groupBy('o.status');
    if (scope)
      query
        .where('o.idempotency_key IN (:...keys)', { keys: scope.orderKeys })
        .andWhere('o.created_at >= :since', { since: scope.since });
    const rows = await query.getRawMany<{ status: string; n: string }>();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  /** Outbox rows not published yet, over every service. */
  async unpublishedOutbox(): Promise<number> {
    let n = 0;
    for (const schema of OUTBOX_SCHEMAS) {
      // A raw COUNT: getCount() needs an entity's metadata, and the auditor reads the tables without them.
      const row = await this.ds
        .createQueryBuilder()
        .select('COUNT(*)', 'n')
        .from(`${schema}.outbox`, 'x')
        .where('x.published_at IS NULL')
        .getRawOne<{ n: string }>();
      n += Number(row?.n ?? 0);
    }
    return n;
  }

  async holds(): Promise<HoldState[]> {
    const rows = await this.ds
      .createQueryBuilder()
      .select('r.owner_id', 'ownerId')
      .addSelect('r.product_id', 'productId')
      .addSelect('r.quantity', 'quantity')
      .addSelect('r.expires_at', 'expiresAt')
      .from('inventory.reservations', 'r')
      .getRawMany<{ ownerId: string; productId: string; quantity: number; expiresAt: Date }>();
    return rows.map((r) => ({
      ...r,
      quantity: Number(r.quantity),
      expiresAt: new Date(r.expiresAt).getTime(),
    }));
  }

  async cartLines(): Promise<CartLineState[]> {
    const carts = await this.ds
      .createQueryBuilder()
      .select('c.id', 'id')
      .addSelect('c.user_id', 'userId')
      .from('cart.carts', 'c')
      .getRawMany<{ id: string; userId: string }>();
    const owner = new Map(carts.map((c) => [c.id, c.userId]));
    const items = await this.ds
      .createQueryBuilder()
      .select('i.cart_id', 'cartId')
      .addSelect('i.product_id', 'productId')
      .addSelect('i.quantity', 'quantity')
      .from('cart.cart_items', 'i')
      .getRawMany<{ cartId: string; productId: string; quantity: number }>();
    return items.map((i) => ({
      userId: owner.get(i.cartId) ?? '?',
      productId: i.productId,
      quantity: Number(i.quantity),
    }));
  }

  async dbNow(): Promise<number> {
    const [row] = (await this.ds.query('SELECT now() AS now')) as { now: Date }[];
    return new Date(row.now).getTime();
  }

  /**
   * What the checks of one run on a shared cluster read: the scope's orders, their payments and stock
   * deductions, the on-hand stock of the products they name, and the events about them published since the
   * scope began. Holds, carts, outboxes and consumers are shared with other traffic and left out (empty).
   */
  async scopedSnapshot(scope: AuditScope): Promise<AuditSnapshot> {
    const at = await this.dbNow();
    const orders = scope.orderKeys.length ? await this.orders(scope) : [];
    const ids = orders.map((o) => o.id);
    const payments = ids.length
      ? await this.ds
          .createQueryBuilder()
          .select('p.order_id', 'orderId')
          .addSelect('p.status', 'status')
          .from('payment.payments', 'p')
          .where('p.order_id IN (:...ids)', { ids })
          .getRawMany<PaymentState>()
      : [];
    const deductions = ids.length ? await this.deductions(ids) : [];
    const products = new Set(
      [...orders.flatMap((o) => o.lines), ...deductions.flatMap((d) => d.lines)].map((l) => l.productId),
    );
    const stock = Object.fromEntries(
      Object.entries(await this.stock()).filter(([productId]) => products.has(productId)),
    );
    const stream = ids.length
      ? (await this.streamMessages(scope.since)).filter((m) => m.orderId && ids.includes(m.orderId))
      : [];
    return {
      at,
      orders,
      payments,
      deductions,
      stock,
      holds: [],
      cartLines: [],
      outbox: [],
      processed: [],
      stream,
      consumers: [],
      mails: [],
    };
  }

  private async orders(scope?: AuditScope): Promise<OrderState[]> {
    const query = this.ds
      .createQueryBuilder()
      .select('o.id', 'id')
      .addSelect('o.user_id', 'userId')
      .addSelect('o.idempotency_key', 'idempotencyKey')
      .addSelect('o.status', 'status')
      .addSelect('o.saga_step', 'sagaStep')
      .addSelect('o.failure_code', 'failureCode')
      .addSelect('o.failure_reason', 'failureReason')
      .addSelect('o.from_cart', 'fromCart')
      .addSelect('o.lines', 'lines')
      .addSelect('o.correlation_id', 'correlationId')
      .addSelect('o.created_at', 'createdAt')
      .from('orders.orders', 'o');
    if (scope)
      query
        .where('o.idempotency_key IN (:...keys)', { keys: scope.orderKeys })
        .andWhere('o.created_at >= :since', { since: scope.since });
    return (await query.getRawMany<OrderState & { createdAt: Date }>()).map((o) => ({
      ...o,
      lines: (o.lines ?? []).map((l) => ({ productId: l.productId, quantity: Number(l.quantity) })),
      createdAt: new Date(o.createdAt).toISOString(),
    }));
  }

  private async deductions(orderIds?: readonly string[]): Promise<DeductionState[]> {
    const query = this.ds
      .createQueryBuilder()
      .select('d.order_id', 'orderId')
      .addSelect('d.lines', 'lines')
      .addSelect('d.restored', 'restored')
      .from('inventory.deductions', 'd');
    if (orderIds) query.where('d.order_id IN (:...ids)', { ids: orderIds });
    return (await query.getRawMany<DeductionState>()).map((d) => ({
      ...d,
      lines: (d.lines ?? []).map((l) => ({ productId: l.productId, quantity: Number(l.quantity) })),
    }));
  }

  async snapshot(): Promise<AuditSnapshot> {
    const at = await this.dbNow();
    const orders = await this.orders();
    const payments = await this.ds
      .createQueryBuilder()
      .select('p.order_id', 'orderId')
      .addSelect('p.status', 'status')
      .from('payment.payments', 'p')
      .getRawMany<PaymentState>();
    const deductions = await this.deductions();
    const outbox: OutboxState[] = [];
    for (const schema of OUTBOX_SCHEMAS) {
      const rows = await this.ds
        .createQueryBuilder()
        .select('x.id', 'id')
        .addSelect('x.type', 'type')
        .addSelect('x.published_at IS NOT NULL', 'published')
        .from(`${schema}.outbox`, 'x')
        .getRawMany<{ id: string; type: string; published: boolean }>();
      outbox.push(...rows.map((r) => ({ schema, ...r })));
    }
    const processed: ProcessedState[] = [];
    for (const schema of PROCESSED_SCHEMAS) {
      const rows = await this.ds
        .createQueryBuilder()
        .select('m.consumer', 'consumer')
        .addSelect('m.message_id', 'messageId')
        .from(`${schema}.processed_messages`, 'm')
        .getRawMany<{ consumer: string; messageId: string }>();
      processed.push(...rows.map((r) => ({ schema, ...r })));
    }
    // The mail consumer's record of a handled event is the sent mail's row, keyed by the event id.
    const sent = await this.ds
      .createQueryBuilder()
      .select('m.message_id', 'messageId')
      .from('notification.sent_notifications', 'm')
      .getRawMany<{ messageId: string }>();
    processed.push(...sent.map((r) => ({ schema: 'notification', consumer: MAIL_CONSUMER, ...r })));
    const mails = await this.ds
      .createQueryBuilder()
      .select('m.subject', 'subject')
      .from('notification.smtp_sink_mail', 'm')
      .getRawMany<{ subject: string }>();
    return {
      at,
      orders,
      payments,
      deductions,
      stock: await this.stock(),
      holds: await this.holds(),
      cartLines: await this.cartLines(),
      outbox,
      processed,
      stream: await this.streamMessages(),
      consumers: await this.consumers(),
      mails,
    };
  }

  /**
   * Every message of the events stream (from `since` on, when given), read with an ordered consumer up to
   * the last one there now.
   */
  async streamMessages(since?: Date): Promise<StreamMessage[]> {
    const name = eventsStreamName(this.prefix);
    const jsm = await jetstreamManager(this.nc);
    const info = await jsm.streams.info(name);
    const last = info.state.last_seq;
    const out: StreamMessage[] = [];
    if (info.state.messages === 0) return out;
    if (since && Date.parse(info.state.last_ts) < since.getTime()) return out;
    const consumer = await jetstream(this.nc).consumers.get(
      name,
      since
        ? { deliver_policy: DeliverPolicy.StartTime, opt_start_time: since.toISOString() }
        : { deliver_policy: DeliverPolicy.All },
    );
    const messages = await consumer.consume();
    const timer = setTimeout(() => void messages.close(), 60_000);
    for await (const m of messages) {
      const envelope = decodeJson<DomainEventEnvelope<{ orderId?: unknown }>>(m.data);
      out.push({
        seq: m.seq,
        id: envelope.id,
        type: envelope.type,
        orderId: typeof envelope.payload?.orderId === 'string' ? envelope.payload.orderId : undefined,
      });
      if (m.seq >= last) break;
    }
    clearTimeout(timer);
    await messages.close();
    return out;
  }

  /** The durable consumers of the events stream and how far each got. */
  async consumers(): Promise<ConsumerState[]> {
    const jsm = await jetstreamManager(this.nc);
    const out: ConsumerState[] = [];
    for await (const c of jsm.consumers.list(eventsStreamName(this.prefix))) {
      if (!c.config.durable_name) continue;
      out.push({
        name: c.config.durable_name,
        pending: c.num_pending,
        ackPending: c.num_ack_pending,
        redelivered: c.num_redelivered,
      });
    }
    return out;
  }
}
