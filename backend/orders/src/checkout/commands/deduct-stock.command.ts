import type { OrderEntity } from '../../order/order.entity';

/** Deduct the order's stock; `order` is its row as placed (the step needs no read of it). */
export class DeductStockCommand {
  constructor(
    public readonly order: OrderEntity,
    public readonly correlationId: string,
  ) {}
}
