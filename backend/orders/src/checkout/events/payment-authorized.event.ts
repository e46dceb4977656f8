import type { OrderEntity } from '../../order/order.entity';

/** `order` is the row as last written (the payment step changes nothing in it). */
export class PaymentAuthorizedEvent {
  constructor(
    public readonly order: OrderEntity,
    public readonly correlationId: string,
    public readonly paymentId: string,
  ) {}
}
