import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { CartLineQuantity, CartRpc, ErrorCode, OrderLineDto } from '@shop/contracts';
import { RpcClient } from '@shop/messaging';
import { CartLinesTakenEvent, CheckoutStepFailedEvent } from '../events';
import { sagaContext } from '../saga-actor';
import { TakeCartLinesCommand } from './take-cart-lines.command';

/**
 * The order takes exactly its recorded cart lines (`cartLines`) out of the shopper's cart before it is
 * confirmed, so its answer never comes while the cart still holds what was ordered, and a unit added to the
 * cart in the meantime stays there with its hold. The cart does it once per order id (a resumed saga repeats
 * it harmlessly); a failure compensates the order like any other step, giving the lines back.
 */
@CommandHandler(TakeCartLinesCommand)
export class TakeCartLinesHandler implements ICommandHandler<TakeCartLinesCommand> {
  constructor(
    private readonly rpc: RpcClient,
    private readonly events: EventBus,
  ) {}

  async execute({ order, correlationId, paymentId }: TakeCartLinesCommand): Promise<void> {
    const orderId = order.id;
    try {
      let detail: string | undefined;
      if (order.cartLines.length > 0) {
        const taken = await this.rpc.call(
          CartRpc.removeOrderLines,
          { userId: order.userId, orderId, lines: order.cartLines },
          sagaContext(correlationId, orderId),
        );
        detail = describeTaken(taken.lines, order.lines);
      }
      this.events.publish(new CartLinesTakenEvent(orderId, correlationId, paymentId, detail));
    } catch (err) {
      this.events.publish(
        new CheckoutStepFailedEvent(
          orderId,
          correlationId,
          {
            step: 'TAKE_FROM_CART',
            code: ErrorCode.Busy,
            reason: `Your cart could not be updated, so the order was cancelled and nothing was charged: ${(err as Error).message}`,
            retryAfterSeconds: 2,
          },
          { stock: true, payment: true },
        ),
      );
    }
  }
}

function describeTaken(taken: CartLineQuantity[], lines: OrderLineDto[]): string {
  if (taken.length === 0) return 'nothing of the order was left in the cart';
  const nameOf = new Map(lines.map((l) => [l.productId, l.name]));
  return `took ${taken.map((t) => `${t.quantity} x ${nameOf.get(t.productId) ?? t.productId}`).join(', ')} out of the cart`;
}
