import type { OrderEntity } from '../../order/order.entity';

/** `order` is the row as the stock deduction wrote it (lines, total, cart lines). */
export class StockDeductedEvent {
  constructor(
    public readonly order: OrderEntity,
    public readonly correlationId: string,
  ) {}
}
