import { Injectable, computed, inject, signal } from '@angular/core';
import { Subject } from 'rxjs';
import type { ClusterHealth } from '@shop/contracts';
import {
  AuthApi,
  EVENT_SOURCE_FACTORY,
  SharedEventStream,
  parseEvent,
  type StreamState,
  withAccessToken,
} from '@shop/web';

export { EVENT_SOURCE_FACTORY, type EventSourceLike, type StreamState } from '@shop/web';

export const HEALTH_STREAM_URL = '/api/services/health/stream';

/** The admin's view: every instance in detail (anyone else gets a summary without instances). */
function isClusterHealth(value: unknown): value is ClusterHealth {
  const v = value as Partial<ClusterHealth> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.view === 'detail' &&
    Array.isArray(v.services) &&
    v.services.every((s) => Array.isArray(s?.instances))
  );
}

/**
 * The cluster picture from `GET /api/services/health/stream` (server-sent events, one a second) as signals:
 * the admin's detailed view (pids, hosts, memory, routing, breakers), for which the stream needs the token.
 * Pages `connect()` while they are shown; the connection is shared and closed when the last page leaves.
 */
@Injectable({ providedIn: 'root' })
export class ClusterHealthStream {
  private readonly auth = inject(AuthApi);

  readonly health = signal<ClusterHealth | undefined>(undefined);
  /** Local time (ms) the last picture arrived. */
  readonly receivedAt = signal<number | undefined>(undefined);
  private readonly received = new Subject<ClusterHealth>();
  /** Every picture as it arrives (for the load history, which must see each one). */
  readonly pictures$ = this.received.asObservable();

  private readonly stream = new SharedEventStream({
    open: inject(EVENT_SOURCE_FACTORY),
    // The URL carries the token (renewed when it has expired), so it is built for every attempt.
    prepare: (connect, giveUp) => {
      this.auth.freshAccessToken().subscribe({
        next: (token) => connect(withAccessToken(HEALTH_STREAM_URL, token)),
        error: giveUp,
      });
    },
    handlers: { health: (data) => this.receive(data), message: (data) => this.receive(data) },
    reopenAfterMs: 2000,
  });

  /** While a connection opens with an older picture still shown, the page says "reconnecting". */
  readonly state = computed<StreamState>(() => {
    const state = this.stream.state();
    return state === 'connecting' && this.health() ? 'reconnecting' : state;
  });

  /** Starts (or shares) the stream; call the returned function to let go of it. */
  connect(): () => void {
    return this.stream.connect();
  }

  private receive(data: string): void {
    // A malformed event is skipped; the next one arrives within a second.
    const picture = parseEvent(data, isClusterHealth);
    if (!picture) return;
    this.health.set(picture);
    this.receivedAt.set(Date.now());
    this.received.next(picture);
  }
}
