export class ConfirmOrderCommand {
  constructor(
    public readonly orderId: string,
    public readonly correlationId: string,
    public readonly paymentId: string,
  ) {}
}
