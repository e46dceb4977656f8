import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { ErrorCode, PaymentRpc } from '@shop/contracts';
import { AppError, AppLogger } from '@shop/common';
import { RpcClient } from '@shop/messaging';
import { OrderRepository } from '../../order/order.repository';
import { CheckoutFailure, CheckoutStepFailedEvent, PaymentAuthorizedEvent } from '../events';
import { RunningSagas } from '../running-sagas';
import { sagaContext } from '../saga-actor';
import { AuthorizePaymentCommand } from './authorize-payment.command';

@CommandHandler(AuthorizePaymentCommand)
export class AuthorizePaymentHandler implements ICommandHandler<AuthorizePaymentCommand> {
  constructor(
    private readonly rpc: RpcClient,
    private readonly orders: OrderRepository,
    private readonly running: RunningSagas,
    private readonly events: EventBus,
    private readonly logger: AppLogger,
  ) {}

  async execute({ orderId, correlationId }: AuthorizePaymentCommand): Promise<void> {
    /**
     * Compensates with the stock. `mayBeAuthorized`: payment gave no definite answer (no answer in time, an
     * instance lost while it worked, a breaker open…), so an authorization may exist and is voided; after
     * payment's own refusal nothing was authorized and compensation has nothing to ask payment.
     */
    const fail = (failure: Omit<CheckoutFailure, 'step'>, mayBeAuthorized: boolean) =>
      this.events.publish(
        new CheckoutStepFailedEvent(
          orderId,
          correlationId,
          { step: 'AUTHORIZE_PAYMENT', ...failure },
          { stock: true, payment: mayBeAuthorized },
        ),
      );
    const cardNumber = this.running.takeCardNumber(orderId);
    if (!cardNumber)
      return fail(
        {
          code: ErrorCode.Busy,
          reason: 'Checkout was interrupted before the payment; nothing was charged',
          retryAfterSeconds: 1,
        },
        true,
      );
    try {
      const order = await this.orders.findById(orderId);
      if (!order) throw AppError.notFound(`Order ${orderId} not found`);
      const payment = await this.rpc.call(
        PaymentRpc.authorize,
        { orderId, amountMinor: order.totalMinor, currency: order.currency, cardNumber },
        sagaContext(correlationId, orderId),
      );
      if (payment.status === 'AUTHORIZED') {
        // Debug: the order's timeline records every step durably; info logs placed and confirmed only.
        this.logger.write('debug', `Order ${orderId}: payment authorized`, {
          correlationId,
          context: 'CheckoutSaga',
        });
        this.events.publish(new PaymentAuthorizedEvent(orderId, correlationId, payment.id));
      } else if (payment.status === 'DECLINED') {
        fail(
          {
            code: ErrorCode.PaymentDeclined,
            reason: `Payment declined: ${payment.reason ?? 'the card was declined'}`,
          },
          false,
        );
      } else if (payment.providerUnavailable || payment.status === 'FAILED') {
        fail(
          {
            code: ErrorCode.Busy,
            reason: payment.reason ?? 'Payment provider unavailable',
            retryAfterSeconds: payment.retryAfterSeconds ?? 5,
          },
          false,
        );
      } else {
        fail(
          { code: ErrorCode.Conflict, reason: `Payment for this order was ${payment.status.toLowerCase()}` },
          true,
        );
      }
    } catch (err) {
      fail(
        {
          code: ErrorCode.Busy,
          reason: `Payment service unavailable: ${(err as Error).message}`,
          retryAfterSeconds: 5,
        },
        true,
      );
    }
  }
}
