import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import type { LogEntry, LogFilter } from '@shop/contracts';
import {
  AuthApi,
  EVENT_SOURCE_FACTORY,
  SharedEventStream,
  parseEvent,
  toProblem,
  withAccessToken,
} from '@shop/web';
import { LOG_STREAM_URL, LogsApi, filterParams } from './logs-api';

export const PAGE_SIZE = 200;
/** The most entries the page keeps (live ones push the oldest out). */
export const KEEP = 1000;

function isEntry(value: unknown): value is LogEntry {
  const v = value as Partial<LogEntry> | null;
  return typeof v === 'object' && v !== null && typeof v.id === 'string' && typeof v.message === 'string';
}

/**
 * The Server Logs page: a filtered page of the centralized log (`GET /api/logs`, newest first) and, while
 * following, the live stream with the same filters (`/api/logs/stream`). Entries are de-duplicated by id.
 */
@Injectable()
export class LogsState {
  private readonly api = inject(LogsApi);
  private readonly auth = inject(AuthApi);

  readonly filter = signal<LogFilter>({});
  readonly entries = signal<readonly LogEntry[]>([]);
  readonly nextBefore = signal<string | undefined>(undefined);
  readonly loading = signal(false);
  readonly error = signal<string | undefined>(undefined);
  readonly following = signal(true);

  /** The live stream; its URL (filters and current token) is built for every connection attempt. */
  private readonly live = new SharedEventStream({
    open: inject(EVENT_SOURCE_FACTORY),
    prepare: (connect, giveUp) => {
      // The stream brings new lines: a time range applies to the searched page only.
      const { from: _from, to: _to, ...live } = this.filter();
      const filters = filterParams(live).toString();
      const url = filters ? `${LOG_STREAM_URL}?${filters}` : LOG_STREAM_URL;
      this.auth.freshAccessToken().subscribe({
        next: (token) => connect(withAccessToken(url, token)),
        error: giveUp,
      });
    },
    handlers: { log: (data) => this.receive(data) },
    reopenAfterMs: 2000,
  });
  readonly liveState = this.live.state.asReadonly();
  /** Lets go of the live stream; set while this page follows it. */
  private releaseLive: (() => void) | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stopLive());
  }

  start(): void {
    this.load();
    if (this.following()) this.startLive();
  }

  /**
   * Replaces the filters (unset ones are dropped), reloads, and follows with the new filters. A range that
   * ends (`to`) holds no new lines: following stops.
   */
  setFilter(filter: LogFilter): void {
    const clean: LogFilter = {};
    for (const [key, value] of Object.entries(filter) as [keyof LogFilter, string | undefined][]) {
      if (value !== undefined && value.trim() !== '') (clean as Record<string, string>)[key] = value.trim();
    }
    this.filter.set(clean);
    this.load();
    if (clean.to) this.setFollowing(false);
    else if (this.following()) {
      // A new connection, with the new filters in its URL.
      this.stopLive();
      this.startLive();
    }
  }

  /** Shows every line of one request, across services. */
  followCorrelation(correlationId: string): void {
    this.setFilter({ correlationId });
  }

  setFollowing(on: boolean): void {
    this.following.set(on);
    if (on) this.startLive();
    else this.stopLive();
  }

  load(): void {
    this.loading.set(true);
    this.api.query({ ...this.filter(), limit: PAGE_SIZE }).subscribe({
      next: (page) => {
        this.loading.set(false);
        this.error.set(undefined);
        this.entries.set(page.entries);
        this.nextBefore.set(page.nextBefore);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(toProblem(err).message);
      },
    });
  }

  older(): void {
    const before = this.nextBefore();
    if (!before) return;
    this.loading.set(true);
    this.api.query({ ...this.filter(), limit: PAGE_SIZE, before }).subscribe({
      next: (page) => {
        this.loading.set(false);
        this.entries.update((list) => this.merge(list, page.entries, 'end'));
        this.nextBefore.set(page.nextBefore);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(toProblem(err).message);
      },
    });
  }

  private startLive(): void {
    this.releaseLive ??= this.live.connect();
  }

  private stopLive(): void {
    this.releaseLive?.();
    this.releaseLive = undefined;
  }

  private receive(data: string): void {
    const entry = parseEvent(data, isEntry);
    if (entry) this.entries.update((list) => this.merge(list, [entry], 'start'));
  }

  private merge(list: readonly LogEntry[], add: readonly LogEntry[], at: 'start' | 'end'): LogEntry[] {
    const seen = new Set(list.map((e) => e.id));
    const fresh = add.filter((e) => !seen.has(e.id));
    const merged = at === 'start' ? [...fresh.reverse(), ...list] : [...list, ...fresh];
    return merged.slice(0, KEEP);
  }
}
