import { Injectable } from '@nestjs/common';

/**
 * The sagas this instance is running: its heartbeat renews their leases and its sweeper never takes them over,
 * whatever their lease says. Each may carry the shopper's card number, which is never stored: a saga taken over
 * from another instance has none, so it cannot charge, only confirm a payment already authorized or compensate.
 */
@Injectable()
export class RunningSagas {
  private readonly cards = new Map<string, string | undefined>();

  start(orderId: string, cardNumber?: string): void {
    this.cards.set(orderId, cardNumber);
  }

  /** The card number for the saga's one authorization (forgotten once taken). */
  takeCardNumber(orderId: string): string | undefined {
    const card = this.cards.get(orderId);
    if (this.cards.has(orderId)) this.cards.set(orderId, undefined);
    return card;
  }

  finish(orderId: string): void {
    this.cards.delete(orderId);
  }

  ids(): string[] {
    return [...this.cards.keys()];
  }
}
