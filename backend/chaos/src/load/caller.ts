import { Prng } from '../prng';
import { ApiError, Exchange, apiError } from '../api/shop-client';
import { ExchangeKind, Recorder } from './recorder';

/** How a request may be repeated, as a careful real client would. */
export interface CallPolicy {
  /**
   * Sending it again cannot do the work twice: reads, absolute changes (PATCH quantity, DELETE), and orders
   * (the same Idempotency-Key). Only these are retried, on a network error, a client timeout, a 5xx or a 429.
   */
  idempotent: boolean;
  /** The client's own deadline for one attempt. */
  timeoutMs: number;
}

export interface CallResult<T> {
  ok: boolean;
  data?: T;
  status?: number;
  error?: ApiError;
  kind: ExchangeKind;
  attempts: number;
}

export const MAX_ATTEMPTS = 5;
/** Retries stop once this much time has passed since the first attempt. */
export const RETRY_BUDGET_MS = 60_000;
/** A Retry-After longer than this is shortened to it (the run is short). */
const MAX_RETRY_AFTER_MS = 5000;

/** Sends requests through the typed client, retries what may be retried, and records every outcome. */
export class Caller {
  constructor(
    private readonly recorder: Recorder,
    private readonly rng: Prng,
  ) {}

  async call<T>(
    op: string,
    policy: CallPolicy,
    send: (signal: AbortSignal) => Promise<Exchange<T>>,
  ): Promise<CallResult<T>> {
    const startedAt = this.recorder.now();
    const firstAt = Date.now();
    for (let attempt = 1; ; attempt++) {
      const atMs = this.recorder.now();
      const t0 = performance.now();
      let kind: ExchangeKind;
      let status: number | undefined;
      let error: ApiError | undefined;
      let data: T | undefined;
      let retryAfter: string | undefined;
      let correlationId: string | undefined;
      let message: string | undefined;
      try {
        const exchange = await send(AbortSignal.timeout(policy.timeoutMs));
        status = exchange.response.status;
        retryAfter = exchange.response.headers.get('retry-after') ?? undefined;
        correlationId = exchange.response.headers.get('x-correlation-id') ?? undefined;
        data = exchange.data;
        error = apiError(exchange.error);
        message = error?.message;
        kind = classify(status, retryAfter);
      } catch (err) {
        const e = err as Error & { cause?: { code?: string; message?: string } };
        kind = e.name === 'TimeoutError' ? 'timeout' : 'network';
        message = e.cause?.code ?? e.cause?.message ?? e.message;
      }
      const latencyMs = performance.now() - t0;
      this.recorder.exchange({
        op,
        atMs,
        latencyMs,
        kind,
        status,
        code: error?.code,
        message,
        retryAfter,
        correlationId,
      });
      const again =
        policy.idempotent &&
        attempt < MAX_ATTEMPTS &&
        Date.now() - firstAt < RETRY_BUDGET_MS &&
        (kind === 'network' ||
          kind === 'timeout' ||
          kind === 'retry-later' ||
          kind === 'server-error' ||
          status === 429);
      if (!again) {
        this.recorder.request({
          op,
          atMs: startedAt,
          latencyMs: this.recorder.now() - startedAt,
          attempts: attempt,
          kind,
          status,
          code: error?.code,
        });
        return { ok: kind === 'ok', data, status, error, kind, attempts: attempt };
      }
      await sleep(this.backoff(attempt, retryAfter));
    }
  }

  /** Retry-After when the server gave one, else 200 ms doubling per attempt (up to 3.2 s); ±25 % jitter. */
  private backoff(attempt: number, retryAfter: string | undefined): number {
    const seconds = retryAfter !== undefined ? Number(retryAfter) : NaN;
    const base = Number.isFinite(seconds)
      ? Math.min(MAX_RETRY_AFTER_MS, Math.max(0, seconds * 1000))
      : Math.min(3200, 200 * 2 ** (attempt - 1));
    return Math.round(base * this.rng.between(0.75, 1.25));
  }
}

/** The kind of an HTTP answer: a 503 counts as "retry later" only when it says when (Retry-After). */
export function classify(status: number, retryAfter: string | undefined): ExchangeKind {
  if (status < 400) return 'ok';
  if (status < 500) return 'client-error';
  if (status === 503 && retryAfter !== undefined && retryAfter !== '') return 'retry-later';
  return 'server-error';
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
