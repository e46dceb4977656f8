export class AuthorizePaymentCommand {
  constructor(
    public readonly orderId: string,
    public readonly correlationId: string,
  ) {}
}
