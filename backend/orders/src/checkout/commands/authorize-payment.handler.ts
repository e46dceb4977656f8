import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { ErrorCode, PaymentRpc } from '@shop/contracts';
import { AppLogger } from '@shop/common';
import { RpcClient } from '@shop/messaging';
import { CheckoutStepFailedEvent, PaymentAuthorizedEvent } from '../events';
import { sagaContext } from '../saga-actor';
import { SagaStateStore } from '../saga-state.store';
import { AuthorizePaymentCommand } from './authorize-payment.command';

@CommandHandler(AuthorizePaymentCommand)
export class AuthorizePaymentHandler implements ICommandHandler<AuthorizePaymentCommand> {
  constructor(
    private readonly rpc: RpcClient,
    private readonly sagas: SagaStateStore,
    private readonly events: EventBus,
    private readonly logger: AppLogger,
  ) {}

  async execute({ orderId, correlationId }: AuthorizePaymentCommand): Promise<void> {
    const fail = (code: string, reason: string, retryAfterSeconds?: number) =>
      this.events.publish(
        new CheckoutStepFailedEvent(
          orderId,
          correlationId,
          { step: 'AUTHORIZE_PAYMENT', code, reason, retryAfterSeconds },
          {
            stock: true,
            payment: true,
          },
        ),
      );
    try {
      const state = await this.sagas.get(orderId);
      if (!state.cardNumber) {
        return fail(ErrorCode.Busy, 'Checkout was interrupted before the payment; nothing was charged', 1);
      }
      const payment = await this.rpc.call(
        PaymentRpc.authorize,
        {
          orderId,
          amountMinor: Number(state.order.total_minor),
          currency: state.order.currency,
          cardNumber: state.cardNumber,
        },
        sagaContext(correlationId, orderId),
      );
      state.cardNumber = undefined;
      if (payment.status === 'AUTHORIZED') {
        // Debug: the order's timeline records every step durably; info logs placed and confirmed only.
        this.logger.write('debug', `Order ${orderId}: payment authorized`, {
          correlationId,
          context: 'CheckoutSaga',
        });
        this.events.publish(new PaymentAuthorizedEvent(orderId, correlationId, payment.id));
      } else if (payment.status === 'DECLINED') {
        fail(ErrorCode.PaymentDeclined, `Payment declined: ${payment.reason ?? 'the card was declined'}`);
      } else if (payment.providerUnavailable || payment.status === 'FAILED') {
        fail(
          ErrorCode.Busy,
          payment.reason ?? 'Payment provider unavailable',
          payment.retryAfterSeconds ?? 5,
        );
      } else {
        fail(ErrorCode.Conflict, `Payment for this order was ${payment.status.toLowerCase()}`);
      }
    } catch (err) {
      fail(ErrorCode.Busy, `Payment service unavailable: ${(err as Error).message}`, 5);
    }
  }
}
