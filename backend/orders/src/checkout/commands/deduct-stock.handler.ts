import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import {
  CartLineQuantity,
  DeductStockResult,
  ErrorCode,
  InventoryRpc,
  OrderLineDto,
  cartReservationOwner,
} from '@shop/contracts';
import { AppError, AppLogger } from '@shop/common';
import { InjectMessagingOptions, MessagingOptions, RpcClient } from '@shop/messaging';
import { CheckoutStepFailedEvent, StockDeductedEvent } from '../events';
import { OrderRow } from '../order-row';
import { OrdersRepository } from '../orders.repository';
import { actor, sagaContext } from '../saga-actor';
import { SagaStateStore } from '../saga-state.store';
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
    private readonly orders: OrdersRepository,
    private readonly sagas: SagaStateStore,
    private readonly events: EventBus,
    private readonly logger: AppLogger,
    @InjectMessagingOptions() private readonly options: MessagingOptions,
  ) {}

  async execute({ orderId, correlationId }: DeductStockCommand): Promise<void> {
    const who = actor(this.options.instanceId, correlationId);
    try {
      const { order } = await this.sagas.get(orderId);
      // The shopper's own holds count toward the order on both paths and are consumed by it.
      const result = await this.rpc.call(
        InventoryRpc.deductStock,
        { orderId, items: order.items, reservationOwnerId: cartReservationOwner(order.user_id) },
        sagaContext(correlationId, orderId),
      );
      const lines: OrderLineDto[] = result.lines.map((l) => ({
        productId: l.productId,
        name: l.name,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        lineTotal: { amountMinor: l.unitPrice.amountMinor * l.quantity, currency: l.unitPrice.currency },
      }));
      const cartLines = takenFromCart(order, result.lines);
      if (!(await this.orders.markStockDeducted(orderId, lines, cartLines, who))) {
        // Another instance took the saga over (our lease expired); it compensates from here.
        this.sagas.release(orderId);
        return;
      }
      order.lines = lines;
      order.cart_lines = cartLines;
      order.total_minor = String(lines.reduce((s, l) => s + l.lineTotal.amountMinor, 0));
      order.currency = lines[0]?.unitPrice.currency ?? order.currency;
      order.saga_step = 'STOCK_DEDUCTED';
      // Debug: the order's timeline records every step durably; info logs placed and confirmed only.
      this.logger.write('debug', `Order ${orderId}: stock deducted`, {
        correlationId,
        context: 'CheckoutSaga',
      });
      this.events.publish(new StockDeductedEvent(orderId, correlationId));
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
          {
            stock: !definite,
            payment: false,
          },
        ),
      );
    }
  }
}

/**
 * What the order takes out of the shopper's cart: an order of the cart, the lines it read; explicit items,
 * the units it consumed of the shopper's holds (the cart keeps the rest, still held).
 */
function takenFromCart(order: OrderRow, deducted: DeductStockResult['lines']): CartLineQuantity[] {
  if (order.from_cart) return order.items.map((i) => ({ productId: i.productId, quantity: i.quantity }));
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
