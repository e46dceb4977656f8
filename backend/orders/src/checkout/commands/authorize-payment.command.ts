import type { OrderEntity } from '../../order/order.entity';

/** Authorize the order's total; `order` is its row as the stock deduction wrote it. */
export class AuthorizePaymentCommand {
  constructor(
    public readonly order: OrderEntity,
    public readonly correlationId: string,
  ) {}
}
