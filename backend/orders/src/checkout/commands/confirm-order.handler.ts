import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { ErrorCode } from '@shop/contracts';
import { AppLogger } from '@shop/common';
import { BroadcastBus, InjectMessagingOptions, MessagingOptions } from '@shop/messaging';
import { OutboxKicker } from '@shop/persistence';
import { OrderRepository, TimelineStep } from '../../order/order.repository';
import { OrderQueued } from '../../queue/order-queued.broadcast';
import { CheckoutFinishedEvent, CheckoutStepFailedEvent } from '../events';
import { RunningSagas } from '../running-sagas';
import { actor } from '../saga-actor';
import { ConfirmOrderCommand } from './confirm-order.command';

@CommandHandler(ConfirmOrderCommand)
export class ConfirmOrderHandler implements ICommandHandler<ConfirmOrderCommand> {
  constructor(
    private readonly orders: OrderRepository,
    private readonly running: RunningSagas,
    private readonly events: EventBus,
    private readonly outbox: OutboxKicker,
    private readonly broadcasts: BroadcastBus,
    private readonly logger: AppLogger,
    @InjectMessagingOptions() private readonly options: MessagingOptions,
  ) {}

  async execute({ orderId, correlationId, paymentId, cartDetail }: ConfirmOrderCommand): Promise<void> {
    try {
      const steps: TimelineStep[] = [
        { step: 'PAYMENT_AUTHORIZED', outcome: 'ok', detail: `payment ${paymentId}` },
      ];
      if (cartDetail) steps.push({ step: 'CART_UPDATED', outcome: 'ok', detail: cartDetail });
      const order = await this.orders.confirm(orderId, steps, actor(this.options.instanceId, correlationId));
      this.running.finish(orderId);
      // Not confirmed: the saga moved on elsewhere (another instance holds its lease).
      if (!order) return this.events.publish(new CheckoutFinishedEvent(orderId, 'failed'));
      this.outbox.kick();
      this.broadcasts.publish(OrderQueued, { orderId, priority: order.priority }, { correlationId });
      this.logger.write('info', `Order ${orderId} confirmed, queued as ${order.priority}`, {
        correlationId,
        context: 'CheckoutSaga',
      });
      this.events.publish(new CheckoutFinishedEvent(orderId, 'confirmed', order));
    } catch (err) {
      this.events.publish(
        new CheckoutStepFailedEvent(
          orderId,
          correlationId,
          {
            step: 'CONFIRM',
            code: ErrorCode.Busy,
            reason: `Order could not be confirmed: ${(err as Error).message}`,
          },
          { stock: true, payment: true },
        ),
      );
    }
  }
}
