import type { ServiceName } from '../services';

/** Log levels shipped to the centralized log, lowest first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** One record of the centralized log (`GET /api/logs`, `GET /api/logs/stream`). */
export interface LogEntry {
  /** `<stream sequence>-<index in the shipped batch>`: unique and stable, for de-duplication. */
  id: string;
  /** Sequence of the JetStream message that carried the record. */
  seq: number;
  time: string;
  level: LogLevelName;
  service: ServiceName;
  instanceId: string;
  message: string;
  correlationId?: string;
  context?: string;
  data?: Record<string, unknown>;
}

/** Filters of the centralized log; every given filter must match. */
export interface LogFilter {
  service?: ServiceName;
  instanceId?: string;
  /** Minimum level: `warn` returns warnings and errors. */
  level?: LogLevelName;
  correlationId?: string;
  /** Case-insensitive text searched in message, context, instance id and data. */
  q?: string;
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
  /** Stream messages read to answer (each carries a batch of records). */
  scannedMessages: number;
  /** Time span the log currently holds. */
  firstSeq: number;
  lastSeq: number;
}
