export class StockDeductedEvent {
  constructor(
    public readonly orderId: string,
    public readonly correlationId: string,
  ) {}
}
