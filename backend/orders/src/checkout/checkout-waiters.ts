import { Injectable } from '@nestjs/common';
import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { CheckoutFinishedEvent } from './events';
import { OrderEntity } from '../order/order.entity';

/** How a wait ended: the saga finished (with the row its last step wrote, when known) or the time ran out. */
export type WaitOutcome = { finished: true; order?: OrderEntity } | { finished: false };

/** Callers waiting for a saga on this instance to finish, woken by CheckoutFinishedEvent. */
@Injectable()
export class CheckoutWaiters {
  private readonly waiting = new Map<string, ((order?: OrderEntity) => void)[]>();

  /** Resolves when the saga finished, or after `timeoutMs` (then `finished` is false). */
  wait(orderId: string, timeoutMs: number): Promise<WaitOutcome> {
    return new Promise((resolve) => {
      const list = this.waiting.get(orderId) ?? [];
      const timer = setTimeout(
        () => {
          const current = this.waiting.get(orderId);
          if (current) {
            const rest = current.filter((fn) => fn !== done);
            if (rest.length) this.waiting.set(orderId, rest);
            else this.waiting.delete(orderId);
          }
          resolve({ finished: false });
        },
        Math.max(0, timeoutMs),
      );
      const done = (order?: OrderEntity) => {
        clearTimeout(timer);
        resolve({ finished: true, order });
      };
      list.push(done);
      this.waiting.set(orderId, list);
    });
  }

  finished(orderId: string, order?: OrderEntity): void {
    const list = this.waiting.get(orderId);
    this.waiting.delete(orderId);
    for (const fn of list ?? []) fn(order);
  }
}

@EventsHandler(CheckoutFinishedEvent)
export class CheckoutFinishedHandler implements IEventHandler<CheckoutFinishedEvent> {
  constructor(private readonly waiters: CheckoutWaiters) {}

  handle(event: CheckoutFinishedEvent): void {
    this.waiters.finished(event.orderId, event.order);
  }
}
