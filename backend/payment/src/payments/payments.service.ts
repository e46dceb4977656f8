import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AuthorizePaymentRequest,
  PaymentAuthorized,
  PaymentDeclined,
  PaymentDto,
  PaymentEventPayload,
  PaymentFailed,
  PaymentProviderStatus,
  PaymentStatus,
  PaymentVoided,
  VoidPaymentRequest,
} from '@shop/contracts';
import { AppError, AppLogger, RequestContext } from '@shop/common';
import { InjectMessagingOptions, MessagingOptions } from '@shop/messaging';
import { inlineSql, OutboxKicker, runInTransaction } from '@shop/persistence';
import { GuardedProvider } from '../provider/provider-breaker';
import { PAYMENT_GUARD } from './payment.tokens';

const FINAL: readonly PaymentStatus[] = ['AUTHORIZED', 'DECLINED', 'VOIDED'];

/** Sets a payment's outcome ($1 id, $2 status, $3 reason, $4 provider reference) and returns the row. */
const SET_OUTCOME = `UPDATE payment.payments SET status = $2, reason = $3, provider_ref = $4, updated_at = now()
  WHERE id = $1 RETURNING *`;

interface PaymentRow {
  id: string;
  order_id: string;
  status: PaymentStatus;
  amount_minor: string;
  currency: string;
  provider: string;
  card_last4: string;
  reason: string | null;
  provider_ref: string | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * Payments, one per order. Every charge runs inside a transaction that holds the order's payment row lock,
 * so concurrent or repeated calls for one order wait and then return the stored outcome: never two charges.
 */
@Injectable()
export class PaymentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(PAYMENT_GUARD) private readonly guard: GuardedProvider,
    private readonly outbox: OutboxKicker,
    private readonly logger: AppLogger,
    @InjectMessagingOptions() private readonly options: MessagingOptions,
  ) {}

  async authorize(ctx: RequestContext, req: AuthorizePaymentRequest): Promise<PaymentDto> {
    validateAuthorize(req);
    let unavailable: { retryAfterSeconds?: number } | undefined;
    const insert = this.insertSql(req, ctx);
    const row = await runInTransaction(
      this.ds,
      async (m, firstRows, tx) => {
        const { row: current, created } = await this.lockOrCreate(
          m,
          req,
          insert,
          insert.literal ? (firstRows as unknown as PaymentRow[]) : undefined,
        );
        if (!created && FINAL.includes(current.status)) return current;
        const outcome = await this.guard.authorize({
          reference: req.orderId,
          amountMinor: req.amountMinor,
          currency: req.currency,
          cardNumber: req.cardNumber,
        });
        let status: PaymentStatus;
        let reason: string | null = null;
        let providerRef: string | null = null;
        if (outcome.approved) {
          status = 'AUTHORIZED';
          providerRef = outcome.providerRef;
        } else if ('unavailable' in outcome) {
          status = 'FAILED';
          reason = outcome.reason;
          unavailable = { retryAfterSeconds: outcome.retryAfterSeconds };
        } else {
          status = 'DECLINED';
          reason = outcome.reason;
        }
        const event =
          status === 'AUTHORIZED'
            ? PaymentAuthorized
            : status === 'DECLINED'
              ? PaymentDeclined
              : PaymentFailed;
        const { sql, params } = this.outcomeWithEvent(current, status, reason, providerRef, event, ctx);
        // With values safe as literals, the statement goes with COMMIT in one round trip.
        const [updated] = await tx.commitWith<PaymentRow>(sql, params);
        return updated;
      },
      insert.literal,
    );
    this.outbox.kick();
    this.logger.write(
      row.status === 'AUTHORIZED' ? 'debug' : 'warn',
      `Payment for order ${req.orderId}: ${row.status}`,
      {
        correlationId: ctx.correlationId,
        context: 'Payments',
        data: { orderId: req.orderId, reason: row.reason ?? undefined },
      },
    );
    const dto = toDto(row);
    if (unavailable)
      return { ...dto, providerUnavailable: true, retryAfterSeconds: unavailable.retryAfterSeconds };
    return dto;
  }

  /**
   * Compensation: releases an authorization. Also called for orders that never reached payment: it then
   * leaves a VOIDED tombstone, so a late authorization for the cancelled order is refused.
   */
  async void(ctx: RequestContext, req: VoidPaymentRequest): Promise<PaymentDto> {
    if (!req?.orderId) throw AppError.badRequest('orderId is required');
    const row = await this.ds.transaction(async (m) => {
      const inserted: PaymentRow[] = await m.query(
        `INSERT INTO payment.payments (order_id, status, amount_minor, currency, provider, card_last4, reason, correlation_id)
         VALUES ($1, 'VOIDED', 0, 'USD', $2, '', $3, $4) ON CONFLICT (order_id) DO NOTHING RETURNING *`,
        [req.orderId, this.guard.provider.name, req.reason, ctx.correlationId],
      );
      if (inserted.length) return inserted[0];
      const [current]: PaymentRow[] = await m.query(
        `SELECT * FROM payment.payments WHERE order_id = $1 FOR UPDATE`,
        [req.orderId],
      );
      if (current.status === 'AUTHORIZED') {
        if (current.provider_ref) await this.guard.provider.void(current.provider_ref);
        const voided = this.outcomeWithEvent(
          current,
          'VOIDED',
          req.reason,
          current.provider_ref,
          PaymentVoided,
          ctx,
        );
        const [updated] = (await m.query(voided.sql, voided.params)) as PaymentRow[];
        return updated;
      }
      if (current.status === 'FAILED') {
        const [updated] = await this.update(m, current.id, 'VOIDED', current.reason ?? req.reason, null);
        return updated;
      }
      return current;
    });
    this.outbox.kick();
    return toDto(row);
  }

  async getByOrder(orderId: string): Promise<PaymentDto | null> {
    if (!orderId) throw AppError.badRequest('orderId is required');
    const rows: PaymentRow[] = await this.ds.query(`SELECT * FROM payment.payments WHERE order_id = $1`, [
      orderId,
    ]);
    return rows.length ? toDto(rows[0]) : null;
  }

  providerStatus(): PaymentProviderStatus {
    return {
      instanceId: this.options.instanceId,
      provider: this.guard.provider.name,
      breaker: this.guard.state,
      consecutiveFailures: this.guard.consecutiveFailures,
      halfOpenAt: this.guard.state === 'open' ? this.guard.halfOpenAt?.toISOString() : undefined,
      providerCalls: this.guard.calls,
    };
  }

  /**
   * The insert that creates (or finds taken) the order's payment row: as SQL text that can ride with BEGIN
   * (`literal`, when `inlineSql` can write every value in: validated numbers and codes, strings without
   * backslashes), else as a parameterized statement.
   */
  private insertSql(
    req: AuthorizePaymentRequest,
    ctx: RequestContext,
  ): { literal?: string; sql: string; params: unknown[] } {
    const last4 = req.cardNumber.replace(/\D/g, '').slice(-4);
    const params = [
      req.orderId,
      req.amountMinor,
      req.currency,
      this.guard.provider.name,
      last4,
      ctx.correlationId,
    ];
    const sql = `INSERT INTO payment.payments (order_id, status, amount_minor, currency, provider, card_last4, correlation_id)
       VALUES ($1, 'FAILED', $2, $3, $4, $5, $6) ON CONFLICT (order_id) DO NOTHING RETURNING *`;
    return { literal: inlineSql(sql, params), sql, params };
  }

  private async lockOrCreate(
    m: EntityManager,
    req: AuthorizePaymentRequest,
    insert: { sql: string; params: unknown[] },
    insertedWithBegin?: PaymentRow[],
  ): Promise<{ row: PaymentRow; created: boolean }> {
    const inserted: PaymentRow[] = insertedWithBegin ?? (await m.query(insert.sql, insert.params));
    if (inserted.length) return { row: inserted[0], created: true };
    const [row]: PaymentRow[] = await m.query(
      `SELECT * FROM payment.payments WHERE order_id = $1 FOR UPDATE`,
      [req.orderId],
    );
    if (row.status === 'FAILED' && Number(row.amount_minor) !== req.amountMinor) {
      throw AppError.conflict(`Order ${req.orderId} was first charged a different amount`);
    }
    return { row, created: false };
  }

  private update(
    m: EntityManager,
    id: string,
    status: PaymentStatus,
    reason: string | null,
    providerRef: string | null,
  ): Promise<PaymentRow[]> {
    return m.query(SET_OUTCOME, [id, status, reason, providerRef]).then((r: [PaymentRow[], number]) => r[0]);
  }

  /**
   * One statement: the payment's new outcome and its event in the outbox (the payload is the row as the
   * update leaves it).
   */
  private outcomeWithEvent(
    current: PaymentRow,
    status: PaymentStatus,
    reason: string | null,
    providerRef: string | null,
    event: { type: string },
    ctx: RequestContext,
  ): { sql: string; params: unknown[] } {
    return {
      sql: `WITH u AS (${SET_OUTCOME}),
         e AS (INSERT INTO payment.outbox (type, payload) SELECT $5, $6::jsonb FROM u)
         SELECT * FROM u`,
      params: [
        current.id,
        status,
        reason,
        providerRef,
        event.type,
        JSON.stringify(this.eventPayload({ ...current, status, reason, provider_ref: providerRef }, ctx)),
      ],
    };
  }

  private eventPayload(row: PaymentRow, ctx: RequestContext): PaymentEventPayload {
    return {
      paymentId: row.id,
      orderId: row.order_id,
      status: row.status,
      amountMinor: Number(row.amount_minor),
      currency: row.currency,
      provider: row.provider,
      reason: row.reason ?? undefined,
      correlationId: ctx.correlationId,
    };
  }
}

function validateAuthorize(req: AuthorizePaymentRequest): void {
  if (!req?.orderId) throw AppError.badRequest('orderId is required');
  if (!Number.isInteger(req.amountMinor) || req.amountMinor < 0)
    throw AppError.badRequest('amountMinor must be a non-negative integer');
  if (!/^[A-Z]{3}$/.test(req.currency ?? '')) throw AppError.badRequest('currency must be an ISO-4217 code');
  if (!/^\d{12,19}$/.test((req.cardNumber ?? '').replace(/[\s-]/g, '')))
    throw AppError.badRequest('cardNumber must be 12 to 19 digits');
}

function toDto(row: PaymentRow): PaymentDto {
  return {
    id: row.id,
    orderId: row.order_id,
    status: row.status,
    amountMinor: Number(row.amount_minor),
    currency: row.currency,
    provider: row.provider,
    cardLast4: row.card_last4,
    reason: row.reason ?? undefined,
    providerRef: row.provider_ref ?? undefined,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
