import { ErrorHandler, Injectable, InjectionToken, Provider, inject } from '@angular/core';
import { HttpClient, HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { CLIENT_LOG_LIMITS, ClientAppName, ClientLogRecord, ClientLogReport } from '@shop/contracts';
import { SessionStore } from './session-store';

/** How one app reports its uncaught errors to the centralized log (`POST /api/logs`). */
export interface ErrorReportingOptions {
  app: ClientAppName;
  /** The ingest token (LOG_INGEST_TOKEN); without it only an administrator's errors can be reported. */
  ingestToken?: string | null;
  /** Errors are collected this long, then sent together (default 2 s). */
  delayMs?: number;
}

export const ERROR_REPORTING = new InjectionToken<ErrorReportingOptions>('ERROR_REPORTING');

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The log record of one error (pure): its message, stack, the page's path and a correlation id if any. */
export function toClientLogRecord(error: unknown, path: string, now: Date): ClientLogRecord {
  const cause = (error as { rejection?: unknown })?.rejection ?? error;
  let message: string;
  let stack: string | undefined;
  let correlationId: string | undefined;
  if (cause instanceof HttpErrorResponse) {
    message = `${cause.status} ${cause.statusText} from ${cause.url ?? 'the API'}`;
    const body = cause.error as { message?: unknown; correlationId?: unknown } | null;
    if (typeof body?.message === 'string') message += `: ${body.message}`;
    if (typeof body?.correlationId === 'string') correlationId = body.correlationId;
  } else if (cause instanceof Error) {
    message = `${cause.name}: ${cause.message}`;
    stack = cause.stack;
  } else {
    message = typeof cause === 'string' ? cause : (JSON.stringify(cause) ?? String(cause));
  }
  return {
    level: 'error',
    message: cut(message || 'Unknown error', CLIENT_LOG_LIMITS.maxMessageLength),
    time: now.toISOString(),
    url: cut(path, 2000),
    ...(stack ? { stack: cut(stack, CLIENT_LOG_LIMITS.maxStackLength) } : {}),
    ...(correlationId && /^[A-Za-z0-9._:-]{1,128}$/.test(correlationId) ? { correlationId } : {}),
  };
}

/**
 * The app's global ErrorHandler: prints the error as Angular's does, and sends it to the centralized log,
 * collected for `delayMs` and sent in one request (the same message once per request, at most the API's
 * limit of records; more are dropped). Sent with the ingest token when the app has one, else only while an
 * administrator is signed in (the API takes nobody else's reports). A failed report is dropped, never
 * reported again.
 */
@Injectable()
export class ReportingErrorHandler implements ErrorHandler {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);
  private readonly options = inject(ERROR_REPORTING);
  private waiting: ClientLogRecord[] = [];
  private timer?: ReturnType<typeof setTimeout>;

  handleError(error: unknown): void {
    console.error(error);
    if (!this.options.ingestToken && !this.session.isAdmin()) return;
    const record = toClientLogRecord(error, location.pathname, new Date());
    if (this.waiting.length >= CLIENT_LOG_LIMITS.maxRecords) return;
    if (this.waiting.some((r) => r.message === record.message)) return;
    this.waiting.push(record);
    this.timer ??= setTimeout(() => this.flush(), this.options.delayMs ?? 2000);
  }

  /** Sends what waits now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const records = this.waiting;
    this.waiting = [];
    if (records.length === 0) return;
    const token = this.options.ingestToken;
    const body: ClientLogReport = { app: this.options.app, records };
    this.http
      .post('/api/logs', body, token ? { headers: new HttpHeaders({ 'X-Log-Ingest-Token': token }) } : {})
      .subscribe({ error: () => undefined });
  }
}

/** Reports the app's uncaught errors to the centralized log (replaces Angular's ErrorHandler). */
export function provideErrorReporting(options: ErrorReportingOptions): Provider[] {
  return [
    { provide: ERROR_REPORTING, useValue: options },
    { provide: ErrorHandler, useClass: ReportingErrorHandler },
  ];
}
