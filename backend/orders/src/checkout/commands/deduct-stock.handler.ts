import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import {
  CartLineQuantity,
  DeductStockResult,
  ErrorCode,
  InventoryRpc,
  cartReservationOwner,
} from '@shop/contracts';
import { AppError, AppLogger } from '@shop/common';
import { InjectMessagingOptions, MessagingOptions, RpcClient } from '@shop/messaging';
import { OrderEntity } from '../../order/order.entity';
import { orderLine } from '../../order/order.mapper';
import { OrderRepository } from '../../order/order.repository';
import { OrderPricingService } from '../../pricing/order-pricing.service';
import { CheckoutStepFailedEvent, StockDeductedEvent } from '../events';
import { RunningSagas } from '../running-sagas';
import { actor, sagaContext } from '../saga-actor';
import { DeductStockCommand } from './deduct-stock.command';

/** Answers of deductStock after which nothing is held in inventory (no stock compensation needed). */
const DEFINITE_REFUSALS: readonly string[] = [
  ErrorCode.OutOfStock,
  ErrorCode.NotFound,
  ErrorCode.Busy,
  ErrorCode.BadRequest,
  ErrorCode.Conflict,
];

@CommandHandler(DeductStockCommand)
export class DeductStockHandler implements ICommandHandler<DeductStockCommand> {
  constructor(
    private readonly rpc: RpcClient,
    private readonly orders: OrderRepository,
    private readonly running: RunningSagas,
    private readonly events: EventBus,
    private readonly logger: AppLogger,
    private readonly pricing: OrderPricingService,
    @InjectMessagingOptions() private readonly options: MessagingOptions,
  ) {}

  async execute({ order, correlationId }: DeductStockCommand): Promise<void> {
    const orderId = order.id;
    const who = actor(this.options.instanceId, correlationId);
    try {
      // The shopper's own holds count toward the order on both paths and are consumed by it.
      const result = await this.rpc.call(
        InventoryRpc.deductStock,
        { orderId, items: order.items, reservationOwnerId: cartReservationOwner(order.userId) },
        sagaContext(correlationId, orderId),
      );
      const lines = result.lines.map(orderLine);
      const pricing = this.pricing.priceOrder(order, lines);
      const cartLines = takenFromCart(order, result.lines);
      const deducted = await this.orders.markStockDeducted(orderId, lines, cartLines, who, pricing);
      if (!deducted) {
        // Another instance took the saga over (this one's lease expired); it compensates from here.
        this.running.finish(orderId);
        return;
      }
      // Debug: the order's timeline records every step durably; info logs placed and confirmed only.
      this.logger.write('debug', `Order ${orderId}: stock deducted`, {
        correlationId,
        context: 'CheckoutSaga',
      });
      this.events.publish(new StockDeductedEvent(deducted, correlationId));
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError(ErrorCode.Internal, (err as Error).message);
      const definite = DEFINITE_REFUSALS.includes(e.code);
      const failure =
        e.code === ErrorCode.Busy
          ? { code: e.code, reason: 'High traffic, try again', retryAfterSeconds: 2 }
          : e.code === ErrorCode.OutOfStock
            ? { code: e.code, reason: outOfStockReason(e) }
            : definite
              ? { code: e.code, reason: e.message }
              : {
                  code: ErrorCode.Busy,
                  reason: `Stock could not be deducted: ${e.message}`,
                  retryAfterSeconds: 2,
                };
      this.events.publish(
        new CheckoutStepFailedEvent(
          orderId,
          correlationId,
          { step: 'DEDUCT_STOCK', ...failure },
          { stock: !definite, payment: false },
        ),
      );
    }
  }
}

/**
 * What the order takes out of the shopper's cart: an order of the cart, the lines it read; explicit items,
 * the units it consumed of the shopper's holds (the cart keeps the rest, still held).
 */
function takenFromCart(order: OrderEntity, deducted: DeductStockResult['lines']): CartLineQuantity[] {
  if (order.fromCart) return order.items.map((i) => ({ productId: i.productId, quantity: i.quantity }));
  return deducted
    .filter((l) => (l.fromHold ?? 0) > 0)
    .map((l) => ({ productId: l.productId, quantity: l.fromHold ?? 0 }));
}

function outOfStockReason(e: AppError): string {
  const d = e.details as { productId?: string; available?: number } | undefined;
  return d?.productId !== undefined
    ? `Out of stock: product ${d.productId} has ${d.available ?? 0} available`
    : `Out of stock: ${e.message}`;
}
