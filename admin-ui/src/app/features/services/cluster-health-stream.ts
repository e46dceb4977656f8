import { Injectable, inject, signal } from '@angular/core';
import type { ClusterHealth } from '@shop/contracts';
import { SessionStore, EVENT_SOURCE_FACTORY, EventSourceLike } from '@shop/web';

export { EVENT_SOURCE_FACTORY, type EventSourceLike } from '@shop/web';

export const HEALTH_STREAM_URL = '/api/services/health/stream';
/** EventSource.CLOSED; the constant is not defined in every test environment. */
const CLOSED = 2;
const REOPEN_AFTER_MS = 2000;

export type StreamState = 'idle' | 'connecting' | 'live' | 'reconnecting';

/**
 * The cluster picture from `GET /api/services/health/stream` (server-sent events, one a second) as signals.
 * Pages `connect()` while they are shown; the connection is shared and closed when the last page leaves.
 */
@Injectable({ providedIn: 'root' })
export class ClusterHealthStream {
  private readonly open = inject(EVENT_SOURCE_FACTORY);
  private readonly session = inject(SessionStore);

  readonly health = signal<ClusterHealth | undefined>(undefined);
  readonly state = signal<StreamState>('idle');
  /** Local time (ms) the last picture arrived. */
  readonly receivedAt = signal<number | undefined>(undefined);

  private source: EventSourceLike | undefined;
  private users = 0;
  private reopenTimer: ReturnType<typeof setTimeout> | undefined;

  /** Starts (or shares) the stream; call the returned function to let go of it. */
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
    this.state.set(this.health() ? 'reconnecting' : 'connecting');
    // EventSource cannot send headers; the gateway also reads the token from ?access_token=.
    const token = this.session.accessToken();
    const url = token ? `${HEALTH_STREAM_URL}?access_token=${encodeURIComponent(token)}` : HEALTH_STREAM_URL;
    const source = this.open(url);
    this.source = source;
    const onPicture = (event: MessageEvent<string>) => this.receive(event.data);
    source.addEventListener('health', onPicture);
    source.addEventListener('message', onPicture);
    source.onopen = () => this.state.set('live');
    source.onerror = () => {
      if (this.source !== source) return;
      this.state.set('reconnecting');
      // The browser retries by itself unless it gave up (CLOSED); then we open a new one.
      if (source.readyState === CLOSED) {
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
      const picture = JSON.parse(data) as ClusterHealth;
      if (!Array.isArray(picture.services)) return;
      this.health.set(picture);
      this.receivedAt.set(Date.now());
      this.state.set('live');
    } catch {
      // A malformed event is skipped; the next one arrives within a second.
    }
  }
}
