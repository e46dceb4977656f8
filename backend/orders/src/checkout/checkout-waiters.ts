import { Injectable } from '@nestjs/common';
import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { CheckoutFinishedEvent } from './events';

/** Callers waiting for a saga on this instance to finish, woken by CheckoutFinishedEvent. */
@Injectable()
export class CheckoutWaiters {
  private readonly waiting = new Map<string, (() => void)[]>();

  /** Resolves true when the saga finished, false after `timeoutMs`. */
  wait(orderId: string, timeoutMs: number): Promise<boolean> {
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
          resolve(false);
        },
        Math.max(0, timeoutMs),
      );
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      list.push(done);
      this.waiting.set(orderId, list);
    });
  }

  finished(orderId: string): void {
    const list = this.waiting.get(orderId);
    this.waiting.delete(orderId);
    for (const fn of list ?? []) fn();
  }
}

@EventsHandler(CheckoutFinishedEvent)
export class CheckoutFinishedHandler implements IEventHandler<CheckoutFinishedEvent> {
  constructor(private readonly waiters: CheckoutWaiters) {}

  handle(event: CheckoutFinishedEvent): void {
    this.waiters.finished(event.orderId);
  }
}
