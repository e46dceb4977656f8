import { signal } from '@angular/core';
import { EVENT_SOURCE_CLOSED, EventSourceLike } from '@shop/web';

export type LiveState = 'idle' | 'connecting' | 'live' | 'reconnecting';

const REOPEN_AFTER_MS = 2000;

/**
 * One server-sent event connection that reopens itself when the browser gives up (a 401 after the token
 * expired, a gateway restart). The URL is built anew for every attempt, so it carries the current token.
 */
export class LiveConnection {
  readonly state = signal<LiveState>('idle');
  private source: EventSourceLike | undefined;
  private reopenTimer: ReturnType<typeof setTimeout> | undefined;
  private running = false;

  constructor(
    private readonly open: (url: string) => EventSourceLike,
    private readonly url: () => string,
    private readonly handlers: Record<string, (data: string) => void>,
  ) {}

  start(): void {
    this.running = true;
    this.connect();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.reopenTimer);
    this.reopenTimer = undefined;
    this.source?.close();
    this.source = undefined;
    this.state.set('idle');
  }

  /** Closes and opens again (e.g. with other filters in the URL). */
  restart(): void {
    this.stop();
    this.start();
  }

  private connect(): void {
    this.state.set(this.state() === 'idle' ? 'connecting' : 'reconnecting');
    const source = this.open(this.url());
    this.source = source;
    for (const [type, handle] of Object.entries(this.handlers)) {
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
          if (this.running) this.connect();
        }, REOPEN_AFTER_MS);
      }
    };
  }
}

/** Parses an event's JSON, or undefined when it is malformed (the event is then skipped). */
export function parseEvent<T>(data: string, valid: (value: unknown) => boolean): T | undefined {
  try {
    const value: unknown = JSON.parse(data);
    return valid(value) ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}
