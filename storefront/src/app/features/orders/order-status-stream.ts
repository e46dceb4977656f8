import { Injectable, inject } from '@angular/core';
import { Observable, Subject } from 'rxjs';
import type { OrderEventPayload } from '@shop/contracts';
import { AuthApi, EVENT_SOURCE_FACTORY, SharedEventStream, parseEvent, withAccessToken } from '@shop/web';

/** One "order-status" event of `GET /api/orders/stream`: the order event type, when, and its payload. */
export type OrderStatusUpdate = OrderEventPayload & { event: string; at: string };

export const ORDER_STREAM_URL = '/api/orders/stream';

export type { StreamState as OrderStreamState } from '@shop/web';

function isUpdate(value: unknown): value is OrderStatusUpdate {
  const v = value as Partial<OrderStatusUpdate> | null;
  return typeof v === 'object' && v !== null && typeof v.orderId === 'string' && typeof v.status === 'string';
}

/**
 * Live status changes of the shopper's orders (server-sent events). Pages `connect()` while shown; one
 * connection is shared and closed when the last page lets go. EventSource cannot send headers, so the token
 * goes in `?access_token=`; an expired token is refreshed before a new connection is opened.
 */
@Injectable({ providedIn: 'root' })
export class OrderStatusStream {
  private readonly auth = inject(AuthApi);

  private readonly subject = new Subject<OrderStatusUpdate>();
  readonly updates: Observable<OrderStatusUpdate> = this.subject.asObservable();

  private readonly stream = new SharedEventStream({
    open: inject(EVENT_SOURCE_FACTORY),
    prepare: (connect, giveUp) => {
      this.auth.freshAccessToken().subscribe({
        next: (token) => (token ? connect(withAccessToken(ORDER_STREAM_URL, token)) : giveUp()),
        error: giveUp,
      });
    },
    // "ready" only marks the stream live (the shared stream does that for every event).
    handlers: { ready: () => undefined, 'order-status': (data) => this.receive(data) },
    reopenAfterMs: 3000,
  });

  readonly state = this.stream.state.asReadonly();

  connect(): () => void {
    return this.stream.connect();
  }

  private receive(data: string): void {
    // A malformed event is skipped; the page reloads over REST on the next one.
    const update = parseEvent(data, isUpdate);
    if (update) this.subject.next(update);
  }
}
