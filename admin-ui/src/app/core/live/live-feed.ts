import { computed, inject, signal } from '@angular/core';
import { Observable, Subject } from 'rxjs';
import type { LiveFeedUnavailable } from '@shop/contracts';
import {
  AuthApi,
  EVENT_SOURCE_FACTORY,
  SharedEventStream,
  type StreamState,
  parseEvent,
  withAccessToken,
} from '@shop/web';

function isUnavailable(value: unknown): value is LiveFeedUnavailable {
  const v = value as Partial<LiveFeedUnavailable> | null;
  return typeof v === 'object' && v !== null && typeof v.message === 'string';
}

/**
 * One admin server-sent event stream (`url`, event `type`) as signals: the latest value, the problem of the
 * latest sample when the service did not answer (event `unavailable`), and the connection state. The token
 * goes in the URL (EventSource sends no headers) and is renewed for every connection attempt. Pages
 * `connect()` while they are shown; the connection is shared and closed when the last page leaves.
 *
 * Construct it in an injection context (a field of a root service).
 */
export class LiveFeed<T> {
  private readonly auth = inject(AuthApi);
  private readonly received = new Subject<T>();

  /** The latest value; it stays shown while the stream reconnects. */
  readonly value = signal<T | undefined>(undefined);
  /** Why the latest sample is missing, until the next one arrives. */
  readonly problem = signal<string | undefined>(undefined);
  /** Every value as it arrives (for histories that must see each sample). */
  readonly values$: Observable<T> = this.received.asObservable();

  private readonly stream: SharedEventStream;

  /** While a connection opens with an older value still shown, the page says "reconnecting". */
  readonly state = computed<StreamState>(() => {
    const state = this.stream.state();
    return state === 'connecting' && this.value() !== undefined ? 'reconnecting' : state;
  });

  constructor(
    readonly url: string,
    type: string,
    private readonly valid: (value: unknown) => value is T,
  ) {
    this.stream = new SharedEventStream({
      open: inject(EVENT_SOURCE_FACTORY),
      prepare: (connect, giveUp) =>
        this.auth.freshAccessToken().subscribe({
          next: (token) => connect(withAccessToken(url, token)),
          error: giveUp,
        }),
      handlers: { [type]: (data) => this.receive(data), unavailable: (data) => this.unavailable(data) },
      reopenAfterMs: 2000,
    });
  }

  /** Starts (or shares) the stream; call the returned function to let go of it. */
  connect(): () => void {
    return this.stream.connect();
  }

  private receive(data: string): void {
    // A malformed event is skipped; the next one follows.
    const value = parseEvent(data, this.valid);
    if (value === undefined) return;
    this.value.set(value);
    this.problem.set(undefined);
    this.received.next(value);
  }

  private unavailable(data: string): void {
    this.problem.set(parseEvent(data, isUnavailable)?.message ?? 'The service did not answer');
  }
}
