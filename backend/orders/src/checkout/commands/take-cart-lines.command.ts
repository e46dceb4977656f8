import type { OrderEntity } from '../../order/order.entity';

/**
 * Take the order's lines out of the shopper's cart (after the payment is authorized, before confirming);
 * `order` is its row as the stock deduction wrote it.
 */
export class TakeCartLinesCommand {
  constructor(
    public readonly order: OrderEntity,
    public readonly correlationId: string,
    public readonly paymentId: string,
  ) {}
}
