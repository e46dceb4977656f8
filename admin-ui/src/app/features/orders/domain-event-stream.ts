import { Injectable, inject, signal } from '@angular/core';
import { Observable, Subject } from 'rxjs';
import type { DomainEventEnvelope } from '@shop/contracts';
import { SessionStore, EVENT_SOURCE_FACTORY } from '@shop/web';
import { LiveConnection, parseEvent } from '../../core/sse/live-connection';

export const EVENTS_STREAM_URL = '/api/events/stream';
/** How many recent events the console keeps for display. */
const KEEP = 50;

function isEnvelope(value: unknown): boolean {
  const v = value as Partial<DomainEventEnvelope> | null;
  return typeof v === 'object' && v !== null && typeof v.id === 'string' && typeof v.type === 'string';
}

/**
 * Every domain event (ORDER_*, PAYMENT_*, STOCK_LOW, …) from the admin event stream, as it is published.
 * Shared: the connection is open while at least one page holds it.
 */
@Injectable({ providedIn: 'root' })
export class DomainEventStream {
  private readonly session = inject(SessionStore);
  private readonly subject = new Subject<DomainEventEnvelope>();
  readonly events: Observable<DomainEventEnvelope> = this.subject.asObservable();
  /** The latest events, newest first. */
  readonly recent = signal<readonly DomainEventEnvelope[]>([]);

  private readonly connection = new LiveConnection(
    inject(EVENT_SOURCE_FACTORY),
    () => `${EVENTS_STREAM_URL}?access_token=${encodeURIComponent(this.session.accessToken() ?? '')}`,
    { 'domain-event': (data) => this.receive(data) },
  );
  readonly state = this.connection.state;
  private users = 0;

  connect(): () => void {
    if (++this.users === 1) this.connection.start();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.users === 0) this.connection.stop();
    };
  }

  private receive(data: string): void {
    const event = parseEvent<DomainEventEnvelope>(data, isEnvelope);
    if (!event) return;
    if (this.recent().some((e) => e.id === event.id)) return;
    this.recent.update((list) => [event, ...list].slice(0, KEEP));
    this.subject.next(event);
  }
}
