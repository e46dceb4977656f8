import type { OrderEntity } from '../../order/order.entity';

/** The order row exists (saga STARTED): the saga starts by deducting stock. `order` is the row as inserted. */
export class OrderPlacedEvent {
  constructor(
    public readonly order: OrderEntity,
    public readonly correlationId: string,
  ) {}
}
