/** The saga reached a terminal state (confirmed or failed after compensation). */
export class CheckoutFinishedEvent {
  constructor(
    public readonly orderId: string,
    public readonly outcome: 'confirmed' | 'failed',
  ) {}
}
