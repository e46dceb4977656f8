export class DeductStockCommand {
  constructor(
    public readonly orderId: string,
    public readonly correlationId: string,
  ) {}
}
