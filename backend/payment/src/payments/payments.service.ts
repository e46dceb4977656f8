import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
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
import {
  OutboxKicker,
  PipelinedTransaction,
  StatementResult,
  outboxInsert,
  returnedEntities,
} from '@shop/persistence';
import { GuardedProvider } from '../provider/guarded-provider';
import { PaymentEntity } from './payment.entity';
import { PAYMENT_GUARD } from './payment.tokens';

const FINAL: readonly PaymentStatus[] = ['AUTHORIZED', 'DECLINED', 'VOIDED'];
const EVENT_OF = {
  AUTHORIZED: PaymentAuthorized,
  DECLINED: PaymentDeclined,
  FAILED: PaymentFailed,
  VOIDED: PaymentVoided,
} as const;

/**
 * Payments, one per order. Every charge runs inside a transaction that holds the order's payment row lock,
 * so concurrent or repeated calls for one order wait and then return the stored outcome: never two charges.
 */
@Injectable()
export class PaymentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @InjectRepository(PaymentEntity) private readonly payments: Repository<PaymentEntity>,
    @Inject(PAYMENT_GUARD) private readonly guard: GuardedProvider,
    private readonly outbox: OutboxKicker,
    private readonly logger: AppLogger,
    @InjectMessagingOptions() private readonly options: MessagingOptions,
  ) {}

  async authorize(ctx: RequestContext, req: AuthorizePaymentRequest): Promise<PaymentDto> {
    validateAuthorize(req);
    let unavailable: { retryAfterSeconds?: number } | undefined;
    const payment = await PipelinedTransaction.run(this.ds, async (tx) => {
      const { payment, created } = await this.lockOrCreate(tx, {
        orderId: req.orderId,
        status: 'FAILED',
        amountMinor: req.amountMinor,
        currency: req.currency,
        cardLast4: req.cardNumber.replace(/\D/g, '').slice(-4),
        correlationId: ctx.correlationId,
      });
      if (!created && FINAL.includes(payment.status)) return payment;
      if (payment.status === 'FAILED' && payment.amountMinor !== req.amountMinor)
        throw AppError.conflict(`Order ${req.orderId} was first charged a different amount`);
      const outcome = await this.guard.authorize({
        reference: req.orderId,
        amountMinor: req.amountMinor,
        currency: req.currency,
        cardNumber: req.cardNumber,
      });
      if (outcome.approved) {
        payment.status = 'AUTHORIZED';
        payment.reason = null;
        payment.providerRef = outcome.providerRef;
      } else if ('unavailable' in outcome) {
        payment.status = 'FAILED';
        payment.reason = outcome.reason;
        unavailable = { retryAfterSeconds: outcome.retryAfterSeconds };
      } else {
        payment.status = 'DECLINED';
        payment.reason = outcome.reason;
      }
      return this.saveWithEvent(tx, payment, ctx);
    });
    this.outbox.kick();
    this.logger.write(
      payment.status === 'AUTHORIZED' ? 'debug' : 'warn',
      `Payment for order ${req.orderId}: ${payment.status}`,
      {
        correlationId: ctx.correlationId,
        context: 'Payments',
        data: { orderId: req.orderId, reason: payment.reason ?? undefined },
      },
    );
    const dto = toDto(payment);
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
    const payment = await PipelinedTransaction.run(this.ds, async (tx) => {
      const { payment, created } = await this.lockOrCreate(tx, {
        orderId: req.orderId,
        status: 'VOIDED',
        amountMinor: 0,
        currency: 'USD',
        cardLast4: '',
        reason: req.reason,
        correlationId: ctx.correlationId,
      });
      if (created) return payment;
      if (payment.status === 'AUTHORIZED') {
        if (payment.providerRef) await this.guard.provider.void(payment.providerRef);
        payment.status = 'VOIDED';
        payment.reason = req.reason;
        return this.saveWithEvent(tx, payment, ctx);
      }
      if (payment.status === 'FAILED') {
        payment.status = 'VOIDED';
        payment.reason ??= req.reason;
        payment.providerRef = null;
        return this.stored(await tx.commit(this.store(payment)));
      }
      return payment;
    });
    this.outbox.kick();
    return toDto(payment);
  }

  async getByOrder(orderId: string): Promise<PaymentDto | null> {
    if (!orderId) throw AppError.badRequest('orderId is required');
    const payment = await this.payments.findOneBy({ orderId });
    return payment ? toDto(payment) : null;
  }

  providerStatus(): PaymentProviderStatus {
    return {
      instanceId: this.options.instanceId,
      provider: this.guard.provider.name,
      breaker: this.guard.state,
      consecutiveFailures: this.guard.consecutiveFailures,
      halfOpenAt: this.guard.state === 'closed' ? undefined : this.guard.halfOpenAt?.toISOString(),
      providerCalls: this.guard.calls,
    };
  }

  /**
   * The order's payment row, locked for this transaction: created from `initial` when the order has none.
   * The unique order id and the row lock are what make a charge happen once: a concurrent insert for the
   * same order waits for the first transaction and then finds its row, and `FOR UPDATE` makes every later
   * call wait until the current one has stored its outcome. A row this transaction inserted is its own
   * (no one else sees it before the commit), so only an existing row is read and locked.
   */
  private async lockOrCreate(
    tx: PipelinedTransaction,
    initial: Partial<PaymentEntity> & { orderId: string },
  ): Promise<{ payment: PaymentEntity; created: boolean }> {
    const [inserted] = await tx.send(
      this.ds
        .createQueryBuilder()
        .insert()
        .into(PaymentEntity)
        .values({ ...initial, provider: this.guard.provider.name })
        .orIgnore()
        .returning('*'),
    );
    const [created] = returnedEntities(this.ds.manager, PaymentEntity, inserted.rows);
    if (created) return { payment: created, created: true };
    const [existing] = await tx.send(
      this.ds
        .createQueryBuilder()
        .select('*')
        .from(PaymentEntity, 'p')
        .where('p.order_id = :orderId', { orderId: initial.orderId })
        .setLock('pessimistic_write'),
    );
    const [payment] = returnedEntities(this.ds.manager, PaymentEntity, existing.rows);
    if (!payment)
      throw new Error(`The payment of order ${initial.orderId} vanished while it was being locked`);
    return { payment, created: false };
  }

  /** The UPDATE that writes the payment's outcome (status, reason, provider reference), returning the row. */
  private store(payment: PaymentEntity) {
    return this.ds
      .createQueryBuilder()
      .update(PaymentEntity)
      .set({ status: payment.status, reason: payment.reason, providerRef: payment.providerRef })
      .where({ id: payment.id })
      .returning('*');
  }

  /** The payment as the first statement of `results` (the store UPDATE) returned it. */
  private stored(results: StatementResult[]): PaymentEntity {
    return returnedEntities(this.ds.manager, PaymentEntity, results[0].rows)[0];
  }

  /** Stores the payment's new outcome with its event in the outbox, and commits. */
  private async saveWithEvent(
    tx: PipelinedTransaction,
    payment: PaymentEntity,
    ctx: RequestContext,
  ): Promise<PaymentEntity> {
    const payload: PaymentEventPayload = {
      paymentId: payment.id,
      orderId: payment.orderId,
      status: payment.status,
      amountMinor: payment.amountMinor,
      currency: payment.currency,
      provider: payment.provider,
      reason: payment.reason ?? undefined,
      correlationId: ctx.correlationId,
    };
    return this.stored(
      await tx.commit(
        this.store(payment),
        outboxInsert(this.ds.manager, 'payment', [{ type: EVENT_OF[payment.status].type, payload }]),
      ),
    );
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

function toDto(payment: PaymentEntity): PaymentDto {
  return {
    id: payment.id,
    orderId: payment.orderId,
    status: payment.status,
    amountMinor: payment.amountMinor,
    currency: payment.currency,
    provider: payment.provider,
    cardLast4: payment.cardLast4,
    reason: payment.reason ?? undefined,
    providerRef: payment.providerRef ?? undefined,
    createdAt: payment.createdAt.toISOString(),
    updatedAt: payment.updatedAt.toISOString(),
  };
}
