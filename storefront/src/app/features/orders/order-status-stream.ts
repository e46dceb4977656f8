import { Injectable, inject, signal } from '@angular/core';
import { Observable, Subject } from 'rxjs';
import type { OrderEventPayload } from '@shop/contracts';
import { AuthApi } from '../../core/auth/auth-api';
import { SessionStore, EVENT_SOURCE_CLOSED, EVENT_SOURCE_FACTORY, EventSourceLike } from '@shop/web';

/** One "order-status" event of `GET /api/orders/stream`: the order event type, when, and its payload. */
export type OrderStatusUpdate = OrderEventPayload & { event: string; at: string };

export const ORDER_STREAM_URL = '/api/orders/stream';
const REOPEN_AFTER_MS = 3000;

export type OrderStreamState = 'idle' | 'connecting' | 'live' | 'reconnecting';

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
  private readonly open = inject(EVENT_SOURCE_FACTORY);
  private readonly session = inject(SessionStore);
  private readonly auth = inject(AuthApi);

  private readonly subject = new Subject<OrderStatusUpdate>();
  readonly updates: Observable<OrderStatusUpdate> = this.subject.asObservable();
  readonly state = signal<OrderStreamState>('idle');

  private source: EventSourceLike | undefined;
  private users = 0;
  private reopenTimer: ReturnType<typeof setTimeout> | undefined;

  connect(): () => void {
    this.users++;
    if (this.users === 1) this.start();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.users--;
      if (this.users === 0) this.stop();
    };
  }

  private start(): void {
    const refreshToken = this.session.refreshToken();
    if (this.session.isAccessTokenExpired() && refreshToken) {
      this.state.set('reconnecting');
      this.auth.refresh(refreshToken).subscribe({
        next: () => this.openNow(),
        error: () => this.state.set('idle'),
      });
      return;
    }
    this.openNow();
  }

  private openNow(): void {
    if (this.users === 0) return;
    const token = this.session.accessToken();
    if (!token) {
      this.state.set('idle');
      return;
    }
    this.state.set(this.state() === 'idle' ? 'connecting' : 'reconnecting');
    const source = this.open(`${ORDER_STREAM_URL}?access_token=${encodeURIComponent(token)}`);
    this.source = source;
    source.addEventListener('ready', () => this.state.set('live'));
    source.addEventListener('order-status', (event) => this.receive(event.data));
    source.onopen = () => this.state.set('live');
    source.onerror = () => {
      if (this.source !== source) return;
      this.state.set('reconnecting');
      // The browser retries by itself unless it gave up (e.g. a 401 for an expired token).
      if (source.readyState === EVENT_SOURCE_CLOSED) {
        source.close();
        this.source = undefined;
        this.reopenTimer = setTimeout(() => {
          this.reopenTimer = undefined;
          if (this.users > 0) this.start();
        }, REOPEN_AFTER_MS);
      }
    };
  }

  private stop(): void {
    clearTimeout(this.reopenTimer);
    this.reopenTimer = undefined;
    this.source?.close();
    this.source = undefined;
    this.state.set('idle');
  }

  private receive(data: string): void {
    try {
      const update: unknown = JSON.parse(data);
      if (isUpdate(update)) this.subject.next(update);
    } catch {
      // A malformed event is skipped; the page reloads over REST on the next one.
    }
  }
}
