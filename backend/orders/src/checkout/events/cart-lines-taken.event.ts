/** The cart gave up the order's lines (or the order took none); `detail` says what, for the timeline. */
export class CartLinesTakenEvent {
  constructor(
    public readonly orderId: string,
    public readonly correlationId: string,
    public readonly paymentId: string,
    public readonly detail?: string,
  ) {}
}
