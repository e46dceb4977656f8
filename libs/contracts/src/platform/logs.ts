import { SERVICE_NAMES, type ServiceName } from '../services';

/** Log levels shipped to the centralized log, lowest first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** The web apps that report their own errors to the centralized log (`POST /api/logs`). */
export const CLIENT_APP_NAMES = ['storefront', 'admin-ui'] as const;
export type ClientAppName = (typeof CLIENT_APP_NAMES)[number];

/** Who wrote a log record: a service instance, or one of the web apps. */
export type LogSource = ServiceName | ClientAppName;
export const LOG_SOURCES: readonly LogSource[] = [...SERVICE_NAMES, ...CLIENT_APP_NAMES];

/** Limits of one `POST /api/logs` request. */
export const CLIENT_LOG_LIMITS = {
  /** Records in one request. */
  maxRecords: 20,
  /** Characters of one record's message. */
  maxMessageLength: 2000,
  /** Characters of one record's stack or context. */
  maxStackLength: 8000,
} as const;

/** One record of the centralized log (`GET /api/logs`, `GET /api/logs/stream`). */
export interface LogEntry {
  /** `<stream sequence>-<index in the shipped batch>`: unique and stable, for de-duplication. */
  id: string;
  /** Sequence of the JetStream message that carried the record. */
  seq: number;
  time: string;
  level: LogLevelName;
  service: LogSource;
  instanceId: string;
  message: string;
  correlationId?: string;
  context?: string;
  data?: Record<string, unknown>;
}

/** Filters of the centralized log; every given filter must match. */
export interface LogFilter {
  service?: LogSource;
  instanceId?: string;
  /** Minimum level: `warn` returns warnings and errors. */
  level?: LogLevelName;
  correlationId?: string;
  /** Text searched in message, context, instance id and data (words, case-insensitive). */
  q?: string;
  /** Only records at or after this ISO time (the log store only). */
  from?: string;
  /** Only records before this ISO time (the log store only). */
  to?: string;
}

export interface LogQuery extends LogFilter {
  /** At most this many entries, newest first (default 200, at most 1000). */
  limit?: number;
  /** Only entries older than this entry id (paging: pass the previous page's `nextBefore`). */
  before?: string;
}

/** Answer of `GET /api/logs`. */
export interface LogPage {
  /** Newest first. */
  entries: LogEntry[];
  /** Entry id to pass as `before` for older entries; absent when the beginning of the log was reached. */
  nextBefore?: string;
  /** Stream messages read to answer (each carries a batch of records); absent for answers of the log store. */
  scannedMessages?: number;
  /** Stream sequences of the oldest and newest record the log holds (0 when empty). */
  firstSeq: number;
  lastSeq: number;
}

/** One error a web app reports (`POST /api/logs`). */
export interface ClientLogRecord {
  level: 'warn' | 'error';
  message: string;
  /** When it happened in the browser (ISO); the server's time when absent. */
  time?: string;
  /** Stack trace or where it happened. */
  stack?: string;
  /** The page the app showed. */
  url?: string;
  /** Correlation id of the API request involved, if any. */
  correlationId?: string;
}

/** Body of `POST /api/logs`. */
export interface ClientLogReport {
  app: ClientAppName;
  records: ClientLogRecord[];
}

/** Answer of `POST /api/logs`: how many records were accepted into the log stream. */
export interface ClientLogReceipt {
  accepted: number;
}
