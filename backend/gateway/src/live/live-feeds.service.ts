import { Injectable, MessageEvent } from '@nestjs/common';
import {
  Observable,
  catchError,
  defer,
  exhaustMap,
  interval,
  map,
  merge,
  of,
  shareReplay,
  startWith,
  switchMap,
  timer,
} from 'rxjs';
import {
  CacheStateFeed,
  ClusterConfigFeed,
  ClusterConfigSnapshot,
  ErrorCode,
  LIVE_CACHE_EVERY_MS,
  LIVE_QUEUES_EVERY_MS,
  LiveFeedUnavailable,
  OrdersRpc,
} from '@shop/contracts';
import { AppError, RequestContext, systemContext } from '@shop/common';
import { ClusterConfigStore, RpcClient, ServiceRegistry } from '@shop/messaging';
import { collectCacheStats } from '../catalog/cache-stats';

/** A `keepalive` every 15 s keeps proxies from closing a quiet stream. */
const KEEPALIVE_MS = 15_000;

/** Event `unavailable` for a sample that failed; the next sample is taken as usual. */
export function unavailableEvent(err: unknown): MessageEvent {
  const data: LiveFeedUnavailable = {
    at: new Date().toISOString(),
    code: err instanceof AppError ? err.code : ErrorCode.Internal,
    message: err instanceof Error ? err.message : String(err),
  };
  return { type: 'unavailable', data };
}

/**
 * Takes `fetch()` every `everyMs` while at least one stream is open, as event `type`; every open stream
 * shares the samples (one request per period, however many admins watch), and a stream that opens gets the
 * latest sample at once. A sample still running when the next is due is not doubled.
 */
export function sampled<T>(type: string, everyMs: number, fetch: () => Promise<T>): Observable<MessageEvent> {
  return timer(0, everyMs).pipe(
    exhaustMap(() =>
      defer(fetch).pipe(
        map((data): MessageEvent => ({ type, data: data as object })),
        catchError((err: unknown) => of(unavailableEvent(err))),
      ),
    ),
    shareReplay({ bufferSize: 1, refCount: true }),
  );
}

/** The stream with a keep-alive beside its own events. */
export function withKeepalive(events: Observable<MessageEvent>): Observable<MessageEvent> {
  return merge(
    events,
    interval(KEEPALIVE_MS).pipe(map((): MessageEvent => ({ type: 'keepalive', data: {} }))),
  );
}

/**
 * The live panels of the admin console as server-sent events: queue metrics and cache figures sampled on the
 * gateway (the console itself never polls), the cluster configuration pushed on every change.
 */
@Injectable()
export class LiveFeeds {
  readonly queues$: Observable<MessageEvent>;
  readonly cache$: Observable<MessageEvent>;
  readonly config$: Observable<MessageEvent>;

  constructor(
    private readonly rpc: RpcClient,
    private readonly registry: ServiceRegistry,
    private readonly config: ClusterConfigStore,
  ) {
    this.queues$ = sampled('queues', LIVE_QUEUES_EVERY_MS, () =>
      this.rpc.call(OrdersRpc.queueMetrics, {}, this.sampleContext(LIVE_QUEUES_EVERY_MS)),
    );
    this.cache$ = sampled('cache', LIVE_CACHE_EVERY_MS, async (): Promise<CacheStateFeed> => {
      const instances = await collectCacheStats(
        this.rpc,
        this.registry,
        this.sampleContext(LIVE_CACHE_EVERY_MS),
      );
      return { at: new Date().toISOString(), instances };
    });
    // The configuration and its history at once, then after every change this instance hears of (its
    // watch on the key-value entry); a newer change supersedes a history still being read.
    this.config$ = this.changes().pipe(
      startWith(undefined),
      switchMap(() =>
        defer(() => this.config.history()).pipe(
          map((history): MessageEvent => {
            const data: ClusterConfigFeed = { snapshot: this.config.current(), history };
            return { type: 'config', id: String(data.snapshot.revision), data };
          }),
          catchError((err: unknown) => of(unavailableEvent(err))),
        ),
      ),
      shareReplay({ bufferSize: 1, refCount: true }),
    );
  }

  private changes(): Observable<ClusterConfigSnapshot> {
    return new Observable<ClusterConfigSnapshot>((subscriber) =>
      this.config.onChange((snapshot) => subscriber.next(snapshot)),
    );
  }

  /** A sample is the gateway's own request, due within its period (at least two seconds). */
  private sampleContext(everyMs: number): RequestContext {
    return { ...systemContext('gateway'), deadline: Date.now() + Math.max(2000, everyMs) };
  }
}
