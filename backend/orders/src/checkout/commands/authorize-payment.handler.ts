import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { ErrorCode, PaymentRpc } from '@shop/contracts';
import { AppLogger } from '@shop/common';
import { RpcClient } from '@shop/messaging';
import { CheckoutFailure, CheckoutStepFailedEvent, PaymentAuthorizedEvent } from '../events';
import { RunningSagas } from '../running-sagas';
import { sagaContext } from '../saga-actor';
import { AuthorizePaymentCommand } from './authorize-payment.command';

@CommandHandler(AuthorizePaymentCommand)
export class AuthorizePaymentHandler implements ICommandHandler<AuthorizePaymentCommand> {
  constructor(
    private readonly rpc: RpcClient,
    private readonly running: RunningSagas,
    private readonly events: EventBus,
    private readonly logger: AppLogger,
  ) {}

  async execute({ order, correlationId }: AuthorizePaymentCommand): Promise<void> {
    const orderId = order.id;
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
        this.events.publish(new PaymentAuthorizedEvent(order, correlationId, payment.id));
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
