import { signal } from '@angular/core';
import { EVENT_SOURCE_CLOSED, EventSourceLike } from './event-source';

export type StreamState = 'idle' | 'connecting' | 'live' | 'reconnecting';

/** Parses an event's JSON data, or undefined when it is malformed or not what `valid` expects (skip it). */
export function parseEvent<T>(data: string, valid: (value: unknown) => value is T): T | undefined {
  try {
    const value: unknown = JSON.parse(data);
    return valid(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export interface SharedEventStreamOptions {
  open: (url: string) => EventSourceLike;
  /**
   * Runs before every connection attempt and calls `connect(url)` (now, or later e.g. after a token refresh) or
   * `giveUp()`. EventSource cannot send headers, so the URL carries the token and is built anew each time.
   */
  prepare: (connect: (url: string) => void, giveUp: () => void) => void;
  /** Event type -> handler of the event's data. */
  handlers: Record<string, (data: string) => void>;
  /** Wait before a new connection once the browser gave up on the old one. */
  reopenAfterMs: number;
}

/**
 * One server-sent event connection shared by every page that wants it: `connect()` returns a release function;
 * the connection opens with the first user and closes with the last. The browser retries by itself unless it
 * gave up (CLOSED, e.g. a 401 for an expired token); then a new connection is prepared and opened.
 */
export class SharedEventStream {
  readonly state = signal<StreamState>('idle');
  private source: EventSourceLike | undefined;
  private users = 0;
  private reopenTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: SharedEventStreamOptions) {}

  /** Starts (or shares) the connection; call the returned function to let go of it (twice is harmless). */
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
    this.options.prepare(
      (url) => this.openNow(url),
      () => this.state.set('idle'),
    );
  }

  private openNow(url: string): void {
    if (this.users === 0) return;
    this.state.set(this.state() === 'idle' ? 'connecting' : 'reconnecting');
    const source = this.options.open(url);
    this.source = source;
    for (const [type, handle] of Object.entries(this.options.handlers)) {
      source.addEventListener(type, (event) => {
        if (this.source !== source) return;
        this.state.set('live');
        handle(event.data);
      });
    }
    source.onopen = () => {
      if (this.source === source) this.state.set('live');
    };
    source.onerror = () => {
      if (this.source !== source) return;
      this.state.set('reconnecting');
      if (source.readyState === EVENT_SOURCE_CLOSED) {
        source.close();
        this.source = undefined;
        this.reopenTimer = setTimeout(() => {
          this.reopenTimer = undefined;
          if (this.users > 0) this.start();
        }, this.options.reopenAfterMs);
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
}
