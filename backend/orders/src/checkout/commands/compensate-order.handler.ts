import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { CartRpc, InventoryRpc, PaymentRpc } from '@shop/contracts';
import { AppLogger } from '@shop/common';
import { InjectMessagingOptions, MessagingOptions, RpcClient } from '@shop/messaging';
import { OutboxKicker } from '@shop/persistence';
import { CheckoutFinishedEvent } from '../events';
import { OrdersRepository, TimelineStep } from '../orders.repository';
import { actor, sagaContext } from '../saga-actor';
import { SagaStateStore } from '../saga-state.store';
import { CompensateOrderCommand } from './compensate-order.command';

const ATTEMPTS = 4;

/**
 * Undoes what may have happened (void the payment, restore stock, give the cart its lines and holds back; each
 * idempotent and tombstoning in its service), then fails the order with its reason. If a compensation keeps failing, the saga is let go: its
 * lease expires and an instance's sweeper retries the compensation later; it never stays half-done.
 */
@CommandHandler(CompensateOrderCommand)
export class CompensateOrderHandler implements ICommandHandler<CompensateOrderCommand> {
  constructor(
    private readonly rpc: RpcClient,
    private readonly orders: OrdersRepository,
    private readonly sagas: SagaStateStore,
    private readonly events: EventBus,
    private readonly outbox: OutboxKicker,
    private readonly logger: AppLogger,
    @InjectMessagingOptions() private readonly options: MessagingOptions,
  ) {}

  async execute({ orderId, correlationId, failure, undo }: CompensateOrderCommand): Promise<void> {
    const who = actor(this.options.instanceId, correlationId);
    const ctx = sagaContext(correlationId, orderId);
    const steps: TimelineStep[] = [];
    try {
      // The cart's lines and holds go with the stock: a deducted order may have consumed the shopper's holds
      // and taken lines out of the cart (both recorded as cart_lines with the deduction).
      const { order } = await this.sagas.get(orderId);
      const userId = order.user_id;
      let cartLines = undo.stock ? order.cart_lines : [];
      if (undo.stock || undo.payment) {
        if (!(await this.orders.markCompensating(orderId, failure, who))) {
          // Finished already, or another instance holds the saga now.
          this.sagas.release(orderId);
          this.events.publish(new CheckoutFinishedEvent(orderId, 'failed'));
          return;
        }
        for (let attempt = 1; ; attempt++) {
          try {
            if (undo.payment) {
              const p = await this.rpc.call(PaymentRpc.void, { orderId, reason: failure.reason }, ctx);
              steps.push({ step: 'PAYMENT_VOIDED', outcome: 'ok', detail: `payment ${p.status}` });
              undo = { ...undo, payment: false };
            }
            if (undo.stock) {
              const r = await this.rpc.call(
                InventoryRpc.restoreStock,
                { orderId, reason: failure.reason },
                ctx,
              );
              steps.push({
                step: 'STOCK_RESTORED',
                outcome: 'ok',
                detail: r.restored ? 'restored' : 'nothing deducted',
              });
              undo = { ...undo, stock: false };
            }
            if (cartLines.length > 0) {
              // After the stock is back: the cart gets its lines back and holds them again.
              const r = await this.rpc.call(
                CartRpc.restoreOrderLines,
                { userId, orderId, productIds: cartLines.map((l) => l.productId) },
                ctx,
              );
              steps.push({
                step: 'CART_RESTORED',
                outcome: 'ok',
                detail: r.lines.length > 0 ? 'lines given back, holds renewed' : 'holds renewed',
              });
              cartLines = [];
            }
            break;
          } catch (err) {
            if (attempt >= ATTEMPTS) throw err;
            await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
          }
        }
      } else {
        steps.push({ step: failure.step, outcome: 'failed', detail: `${failure.code}: ${failure.reason}` });
      }
      const failed = await this.orders.fail(orderId, failure, steps, who);
      this.sagas.release(orderId);
      this.outbox.kick();
      this.logger.write('warn', `Order ${orderId} failed: ${failure.reason}`, {
        correlationId,
        context: 'CheckoutSaga',
      });
      this.events.publish(new CheckoutFinishedEvent(orderId, 'failed', failed));
    } catch (err) {
      this.sagas.release(orderId);
      this.logger.write(
        'error',
        `Compensation of order ${orderId} incomplete, a sweeper will retry: ${(err as Error).message}`,
        {
          correlationId,
          context: 'CheckoutSaga',
        },
      );
    }
  }
}
