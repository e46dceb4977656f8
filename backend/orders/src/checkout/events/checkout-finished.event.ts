import type { OrderRow } from '../order-row';

/**
 * The saga reached a terminal state (confirmed or failed after compensation). `order` is the row as the
 * terminal transition wrote it, when this instance wrote it (the waiting request answers with it).
 */
export class CheckoutFinishedEvent {
  constructor(
    public readonly orderId: string,
    public readonly outcome: 'confirmed' | 'failed',
    public readonly order?: OrderRow,
  ) {}
}
