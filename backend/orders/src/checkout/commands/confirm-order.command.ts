export class ConfirmOrderCommand {
  constructor(
    public readonly orderId: string,
    public readonly correlationId: string,
    public readonly paymentId: string,
    /** What the order took out of the cart, for the timeline (none: it took nothing). */
    public readonly cartDetail?: string,
  ) {}
}
