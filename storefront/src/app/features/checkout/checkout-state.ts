import { DestroyRef, Injectable, InjectionToken, computed, inject, signal } from '@angular/core';
import type { OrderDto, PlaceOrderRequest } from '@shop/contracts';
import { ProblemView, toProblem } from '@shop/web';
import { OrdersApi } from '../orders/orders-api';

/** Makes idempotency keys; tests provide predictable ones. */
export const IDEMPOTENCY_KEY_FACTORY = new InjectionToken<() => string>('IDEMPOTENCY_KEY_FACTORY', {
  providedIn: 'root',
  factory: () => () => crypto.randomUUID(),
});

export type CheckoutFailure =
  /** 409: an item ran out; the order failed and its stock was released. */
  | 'out-of-stock'
  /** 402: the card was declined; nothing was charged. */
  | 'declined'
  /** 503: stock locks timed out or the payment provider is unavailable (breaker open); Retry-After says when. */
  | 'busy'
  /**
   * No answer (network), or the orders service did not answer in time (503 TIMEOUT): the order may or may not
   * exist; a retry with the same key finds out.
   */
  | 'unknown'
  /** 422: the key was used with other details (should not happen: the key changes with the details). */
  | 'mismatch'
  | 'invalid';

export type CheckoutOutcome =
  | { kind: 'idle' }
  | { kind: 'submitting'; retry: boolean }
  | { kind: 'placed'; order: OrderDto }
  | { kind: 'failed'; failure: CheckoutFailure; title: string; problem: ProblemView };

const DEFAULT_RETRY_AFTER_S = 2;

function classify(problem: ProblemView): { failure: CheckoutFailure; title: string } {
  if (problem.status === 409) return { failure: 'out-of-stock', title: 'Some items are no longer in stock' };
  if (problem.status === 402) return { failure: 'declined', title: 'Your card was declined' };
  if (problem.code === 'TIMEOUT') return { failure: 'unknown', title: 'We could not confirm your order' };
  if (problem.status === 503 || problem.status === 429)
    return {
      failure: 'busy',
      title: /payment/i.test(problem.message)
        ? 'Payments are unavailable right now'
        : 'The shop is very busy right now',
    };
  if (problem.status === 422) return { failure: 'mismatch', title: 'This checkout was already submitted' };
  if (problem.status === 400) return { failure: 'invalid', title: 'Please check your details' };
  return { failure: 'unknown', title: 'We could not confirm your order' };
}

/**
 * One checkout: sends `POST /api/orders` with an Idempotency-Key made once per checkout attempt.
 *
 * The key is reused when the same details are sent again and the last try ended without a recorded outcome
 * (no answer, a timeout, a 503 before any order existed): the server then either finds the first order or
 * places it once, so a retry can never order or charge twice. A new key starts a new attempt when the details
 * change (the server refuses a key with other details) or when the server recorded this attempt's outcome
 * (the error names the failed order: a repeat would only replay that failure).
 */
@Injectable()
export class CheckoutState {
  private readonly api = inject(OrdersApi);
  private readonly newKey = inject(IDEMPOTENCY_KEY_FACTORY);

  private readonly keySignal = signal(this.newKey());
  /** The Idempotency-Key of the current attempt. */
  readonly key = this.keySignal.asReadonly();
  readonly outcome = signal<CheckoutOutcome>({ kind: 'idle' });
  /** Local time (ms) before which a retry is held back (from Retry-After). */
  readonly retryAt = signal<number | undefined>(undefined);
  private readonly now = signal(Date.now());
  readonly secondsUntilRetry = computed(() => {
    const at = this.retryAt();
    return at === undefined ? 0 : Math.max(0, Math.ceil((at - this.now()) / 1000));
  });
  readonly busy = computed(() => this.outcome().kind === 'submitting');
  readonly canSubmit = computed(
    () => !this.busy() && this.secondsUntilRetry() === 0 && this.outcome().kind !== 'placed',
  );

  /** The body last sent with the current key. */
  private sentWithKey: string | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stopTicker());
  }

  submit(request: PlaceOrderRequest): void {
    if (!this.canSubmit()) return;
    const body = JSON.stringify(request);
    if (this.sentWithKey !== undefined && this.sentWithKey !== body) this.keySignal.set(this.newKey());
    const retry = this.sentWithKey === body;
    this.sentWithKey = body;
    this.outcome.set({ kind: 'submitting', retry });
    this.api.place(request, this.key()).subscribe({
      next: (order) => this.outcome.set({ kind: 'placed', order }),
      error: (err: unknown) => this.fail(toProblem(err)),
    });
  }

  private fail(problem: ProblemView): void {
    const { failure, title } = classify(problem);
    this.outcome.set({ kind: 'failed', failure, title, problem });
    const recorded =
      typeof problem.details?.['orderId'] === 'string' ||
      failure === 'out-of-stock' ||
      failure === 'declined' ||
      failure === 'mismatch';
    if (recorded) this.startNewAttempt();
    if (failure === 'busy') this.holdRetry(problem.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_S);
  }

  private startNewAttempt(): void {
    this.keySignal.set(this.newKey());
    this.sentWithKey = undefined;
  }

  private holdRetry(seconds: number): void {
    this.now.set(Date.now());
    this.retryAt.set(Date.now() + seconds * 1000);
    this.stopTicker();
    this.ticker = setInterval(() => {
      this.now.set(Date.now());
      if (this.secondsUntilRetry() === 0) {
        this.retryAt.set(undefined);
        this.stopTicker();
      }
    }, 250);
  }

  private stopTicker(): void {
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.ticker = undefined;
  }
}
