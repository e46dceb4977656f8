import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { ErrorCode, PaymentRpc } from '@shop/contracts';
import { AppLogger } from '@shop/common';
import { InjectMessagingOptions, MessagingOptions, RpcClient } from '@shop/messaging';
import { OrderRepository } from '../../order/order.repository';
import { CheckoutStepFailedEvent, PaymentAuthorizedEvent } from '../events';
import { RunningSagas } from '../running-sagas';
import { actor, sagaContext } from '../saga-actor';
import { ResumeSagaCommand } from './resume-saga.command';

/**
 * Continues a saga whose lease expired, from its persisted step: a payment already authorized is confirmed;
 * anything earlier is compensated (the card number is gone with the instance); a compensation under way is
 * finished, and so is the void of a failed order's payment.
 */
@CommandHandler(ResumeSagaCommand)
export class ResumeSagaHandler implements ICommandHandler<ResumeSagaCommand> {
  constructor(
    private readonly rpc: RpcClient,
    private readonly orders: OrderRepository,
    private readonly running: RunningSagas,
    private readonly events: EventBus,
    private readonly logger: AppLogger,
    @InjectMessagingOptions() private readonly options: MessagingOptions,
  ) {}

  async execute({ order }: ResumeSagaCommand): Promise<void> {
    const { correlationId } = order;
    this.running.start(order.id);
    try {
      await this.orders.addSteps(order.id, actor(this.options.instanceId, correlationId), [
        { step: 'SAGA_RESUMED', outcome: 'info', detail: `at ${order.sagaStep}; lease expired` },
      ]);
    } catch (err) {
      // Let the lease run out again: a sweeper takes the saga up later.
      this.running.finish(order.id);
      throw err;
    }
    this.logger.write('warn', `Resuming saga of order ${order.id} at ${order.status}/${order.sagaStep}`, {
      correlationId,
      context: 'CheckoutSaga',
    });
    const interrupted = {
      step: 'RESUME',
      code: ErrorCode.Busy,
      reason: 'Checkout was interrupted by an instance failure; nothing was charged',
      retryAfterSeconds: 1,
    };
    if (order.sagaStep === 'COMPENSATING') {
      const failure = {
        step: 'RESUME',
        code: order.failureCode ?? interrupted.code,
        reason: order.failureReason ?? interrupted.reason,
        retryAfterSeconds: order.retryAfterSeconds ?? undefined,
      };
      this.events.publish(
        new CheckoutStepFailedEvent(order.id, correlationId, failure, { stock: true, payment: true }),
      );
      return;
    }
    if (order.sagaStep === 'STARTED') {
      this.events.publish(
        new CheckoutStepFailedEvent(order.id, correlationId, interrupted, { stock: true, payment: false }),
      );
      return;
    }
    try {
      const payment = await this.rpc.call(
        PaymentRpc.getByOrder,
        { orderId: order.id },
        sagaContext(correlationId, order.id),
      );
      if (payment?.status === 'AUTHORIZED') {
        this.events.publish(new PaymentAuthorizedEvent(order, correlationId, payment.id));
        return;
      }
    } catch (err) {
      this.logger.write('warn', `Payment of ${order.id} unknown while resuming: ${(err as Error).message}`, {
        correlationId,
      });
    }
    this.events.publish(
      new CheckoutStepFailedEvent(order.id, correlationId, interrupted, { stock: true, payment: true }),
    );
  }
}
