/**
 * What the clients saw: one record per HTTP exchange (every attempt, retries included) and one per logical
 * request (what a shopper experienced from the first attempt to the last). Times are ms since the load began.
 */

/** How one HTTP exchange ended, as a client sees it. */
export type ExchangeKind =
  | 'ok' // 2xx
  | 'client-error' // 4xx
  | 'retry-later' // 503 with Retry-After
  | 'server-error' // any other 5xx
  | 'network' // no HTTP answer (connection refused or reset)
  | 'timeout'; // no answer within the client's own deadline

export interface ExchangeRecord {
  op: string;
  atMs: number;
  latencyMs: number;
  kind: ExchangeKind;
  status?: number;
  /** The gateway's error code (ApiErrorDto.code). */
  code?: string;
  message?: string;
  retryAfter?: string;
  correlationId?: string;
}

export interface RequestRecord {
  op: string;
  atMs: number;
  /** From the first attempt's start to the last attempt's end (back-off pauses included). */
  latencyMs: number;
  attempts: number;
  /** How the last attempt ended. */
  kind: ExchangeKind;
  status?: number;
  code?: string;
}

export class Recorder {
  readonly exchanges: ExchangeRecord[] = [];
  readonly requests: RequestRecord[] = [];

  constructor(private start: number) {}

  /** Epoch ms of the load's start; records made before it (the setup) carry negative times. */
  get startedAt(): number {
    return this.start;
  }

  /** Marks the start of the load: every time is counted from now on. */
  begin(): void {
    const shift = Date.now() - this.start;
    this.start += shift;
    for (const r of [...this.exchanges, ...this.requests]) r.atMs -= shift;
  }

  now(): number {
    return Date.now() - this.startedAt;
  }

  exchange(record: ExchangeRecord): void {
    this.exchanges.push(record);
  }

  request(record: RequestRecord): void {
    this.requests.push(record);
  }

  /** Counts of exchanges by kind since index `from` (for the progress line). */
  countKinds(from = 0): Record<ExchangeKind, number> {
    const counts: Record<ExchangeKind, number> = {
      ok: 0,
      'client-error': 0,
      'retry-later': 0,
      'server-error': 0,
      network: 0,
      timeout: 0,
    };
    for (let i = from; i < this.exchanges.length; i++) counts[this.exchanges[i].kind]++;
    return counts;
  }
}
