import type { OrderEntity } from '../../order/order.entity';

/**
 * The saga reached its outcome (confirmed, or failed after compensation). `order` is the row as that
 * transition wrote it, when this instance wrote it (the waiting request answers with it).
 */
export class CheckoutFinishedEvent {
  constructor(
    public readonly orderId: string,
    public readonly outcome: 'confirmed' | 'failed',
    public readonly order?: OrderEntity,
  ) {}
}
