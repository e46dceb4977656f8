import { Injectable, inject, signal } from '@angular/core';
import { Observable, Subject } from 'rxjs';
import type { DomainEventEnvelope } from '@shop/contracts';
import { AuthApi, EVENT_SOURCE_FACTORY, SharedEventStream, parseEvent, withAccessToken } from '@shop/web';

export const EVENTS_STREAM_URL = '/api/events/stream';
/** How many recent events the console keeps for display. */
const KEEP = 50;

function isEnvelope(value: unknown): value is DomainEventEnvelope {
  const v = value as Partial<DomainEventEnvelope> | null;
  return typeof v === 'object' && v !== null && typeof v.id === 'string' && typeof v.type === 'string';
}

/**
 * Every domain event (ORDER_*, PAYMENT_*, STOCK_LOW, …) from the admin event stream, as it is published.
 * Shared: the connection is open while at least one page holds it.
 */
@Injectable({ providedIn: 'root' })
export class DomainEventStream {
  private readonly auth = inject(AuthApi);
  private readonly subject = new Subject<DomainEventEnvelope>();
  readonly events: Observable<DomainEventEnvelope> = this.subject.asObservable();
  /** The latest events, newest first. */
  readonly recent = signal<readonly DomainEventEnvelope[]>([]);

  private readonly stream = new SharedEventStream({
    open: inject(EVENT_SOURCE_FACTORY),
    // The URL carries the token (renewed when it has expired), so it is built for every attempt.
    prepare: (connect, giveUp) =>
      this.auth.freshAccessToken().subscribe({
        next: (token) => connect(withAccessToken(EVENTS_STREAM_URL, token)),
        error: giveUp,
      }),
    handlers: { 'domain-event': (data) => this.receive(data) },
    reopenAfterMs: 2000,
  });
  readonly state = this.stream.state.asReadonly();

  /** Starts (or shares) the stream; call the returned function to let go of it. */
  connect(): () => void {
    return this.stream.connect();
  }

  private receive(data: string): void {
    const event = parseEvent(data, isEnvelope);
    if (!event) return;
    if (this.recent().some((e) => e.id === event.id)) return;
    this.recent.update((list) => [event, ...list].slice(0, KEEP));
    this.subject.next(event);
  }
}
