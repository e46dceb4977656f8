/** The order row exists (saga STARTED): the saga starts by deducting stock. */
export class OrderPlacedEvent {
  constructor(
    public readonly orderId: string,
    public readonly correlationId: string,
  ) {}
}
