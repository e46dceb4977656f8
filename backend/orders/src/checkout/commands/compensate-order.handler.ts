import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { ExponentialBackoff, handleAll, retry } from 'cockatiel';
import { CartRpc, InventoryRpc, PaymentRpc } from '@shop/contracts';
import { AppLogger } from '@shop/common';
import { InjectMessagingOptions, MessagingOptions, RpcClient } from '@shop/messaging';
import { OutboxKicker } from '@shop/persistence';
import { OrderEntity } from '../../order/order.entity';
import { OrderRepository, StepActor, TimelineStep } from '../../order/order.repository';
import { CheckoutFinishedEvent } from '../events';
import { RunningSagas } from '../running-sagas';
import { actor, sagaContext } from '../saga-actor';
import { CompensateOrderCommand } from './compensate-order.command';

/** A compensating call that fails is tried again a few times, 0.5 s, 1 s, 2 s… apart. */
const retryUndo = retry(handleAll, {
  maxAttempts: 3,
  backoff: new ExponentialBackoff({ initialDelay: 500, maxDelay: 4000 }),
});

/**
 * Undoes what may have happened, then fails the order with its reason: restores the stock, then gives the cart
 * its lines and holds back (each idempotent in its service). The order's outcome never waits for payment: a
 * payment that may be authorized is voided afterwards, while the failed order keeps its lease in COMPENSATING,
 * so an instance's sweeper voids it if this instance gives up or dies. A stock or cart compensation that keeps
 * failing lets the saga go: its lease expires and a sweeper retries the compensation; it never stays half-done.
 */
@CommandHandler(CompensateOrderCommand)
export class CompensateOrderHandler implements ICommandHandler<CompensateOrderCommand> {
  constructor(
    private readonly rpc: RpcClient,
    private readonly orders: OrderRepository,
    private readonly running: RunningSagas,
    private readonly events: EventBus,
    private readonly outbox: OutboxKicker,
    private readonly logger: AppLogger,
    @InjectMessagingOptions() private readonly options: MessagingOptions,
  ) {}

  async execute({ orderId, correlationId, failure, undo }: CompensateOrderCommand): Promise<void> {
    const who = actor(this.options.instanceId, correlationId);
    try {
      const order = await this.orders.findById(orderId);
      if (order?.status === 'FAILED') {
        // Failed already; only the void of its payment is left (a saga taken over in that state).
        await this.voidPayment(order, who);
        return;
      }
      const steps: TimelineStep[] = [];
      if (order && (undo.stock || undo.payment)) {
        if (!(await this.orders.markCompensating(orderId, failure, who))) return this.letGo(orderId);
        if (undo.stock)
          await retryUndo.execute(() =>
            this.restoreStockAndCart(order, failure.reason, steps, correlationId),
          );
      } else {
        steps.push({ step: failure.step, outcome: 'failed', detail: `${failure.code}: ${failure.reason}` });
      }
      const failed = await this.orders.fail(orderId, failure, steps, who, undo.payment);
      if (!failed) return this.letGo(orderId);
      this.outbox.kick();
      this.logger.write('warn', `Order ${orderId} failed: ${failure.reason}`, {
        correlationId,
        context: 'CheckoutSaga',
      });
      this.events.publish(new CheckoutFinishedEvent(orderId, 'failed', failed));
      if (undo.payment) await this.voidPayment(failed, who);
      else this.running.finish(orderId);
    } catch (err) {
      this.running.finish(orderId);
      this.logger.write(
        'error',
        `Compensation of order ${orderId} incomplete, a sweeper will retry: ${(err as Error).message}`,
        { correlationId, context: 'CheckoutSaga' },
      );
    }
  }

  /** Restores the stock, then the cart's lines and holds (a deducted order may have consumed both). */
  private async restoreStockAndCart(
    order: OrderEntity,
    reason: string,
    steps: TimelineStep[],
    correlationId: string,
  ): Promise<void> {
    const ctx = sagaContext(correlationId, order.id);
    if (!steps.some((s) => s.step === 'STOCK_RESTORED')) {
      const r = await this.rpc.call(InventoryRpc.restoreStock, { orderId: order.id, reason }, ctx);
      steps.push({
        step: 'STOCK_RESTORED',
        outcome: 'ok',
        detail: r.restored ? 'restored' : 'nothing deducted',
      });
    }
    if (order.cartLines.length > 0 && !steps.some((s) => s.step === 'CART_RESTORED')) {
      const r = await this.rpc.call(
        CartRpc.restoreOrderLines,
        { userId: order.userId, orderId: order.id, productIds: order.cartLines.map((l) => l.productId) },
        ctx,
      );
      steps.push({
        step: 'CART_RESTORED',
        outcome: 'ok',
        detail: r.lines.length > 0 ? 'lines given back, holds renewed' : 'holds renewed',
      });
    }
  }

  /**
   * Voids the payment of a failed order (idempotent in payment; it also refuses a late authorization of the
   * order). When payment stays unreachable the saga is let go: its lease expires and a sweeper tries again.
   */
  private async voidPayment(order: OrderEntity, who: StepActor): Promise<void> {
    try {
      const p = await retryUndo.execute(() =>
        this.rpc.call(
          PaymentRpc.void,
          { orderId: order.id, reason: order.failureReason ?? 'order failed' },
          sagaContext(order.correlationId, order.id),
        ),
      );
      await this.orders.finishVoid(order.id, `payment ${p.status}`, who);
    } catch (err) {
      this.logger.write(
        'warn',
        `Void of order ${order.id}'s payment failed, a sweeper will retry: ${(err as Error).message}`,
        {
          correlationId: order.correlationId,
          context: 'CheckoutSaga',
        },
      );
    } finally {
      this.running.finish(order.id);
    }
  }

  /** The saga finished already, or another instance holds it now. */
  private letGo(orderId: string): void {
    this.running.finish(orderId);
    this.events.publish(new CheckoutFinishedEvent(orderId, 'failed'));
  }
}
