import { LOG_LEVELS, LOG_SOURCES, LogEntry } from '@shop/contracts';
import { ServiceLogEntity } from './service-log.entity';

/** Longest text kept of one record's message (a longer one is cut, marked with "…"). */
export const MAX_STORED_MESSAGE = 10_000;

type LogRow = Omit<ServiceLogEntity, 'search'>;

const isText = (v: unknown): v is string => typeof v === 'string';
const optionalText = (v: unknown): string | null => (isText(v) && v.length > 0 ? v : null);
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The rows of one log-stream message (a batch of shipped records), keyed by the message's sequence and each
 * record's index in the batch. Records that are not log records (wrong shape, unknown level or source, no
 * valid time) are left out: the stream is written by every instance and by the gateway for the web apps.
 */
export function toLogRows(seq: number, batch: unknown): LogRow[] {
  if (!Array.isArray(batch)) return [];
  const rows: LogRow[] = [];
  batch.forEach((record: unknown, idx) => {
    if (typeof record !== 'object' || record === null) return;
    const r = record as Record<string, unknown>;
    const time = isText(r.time) ? new Date(r.time) : undefined;
    if (!time || Number.isNaN(time.getTime())) return;
    if (!(LOG_LEVELS as readonly unknown[]).includes(r.level)) return;
    if (!(LOG_SOURCES as readonly unknown[]).includes(r.service)) return;
    if (!isText(r.instanceId) || !isText(r.message)) return;
    const data = typeof r.data === 'object' && r.data !== null && !Array.isArray(r.data) ? r.data : null;
    rows.push({
      streamSeq: String(seq),
      idx,
      time,
      level: r.level as string,
      service: r.service as string,
      instanceId: r.instanceId,
      // PostgreSQL text cannot hold NUL characters.
      message: cut(r.message.replaceAll('\u0000', ''), MAX_STORED_MESSAGE),
      correlationId: optionalText(r.correlationId),
      context: optionalText(r.context),
      data: data as Record<string, unknown> | null,
    });
  });
  return rows;
}

/** A stored row as the API's log entry. */
export function toLogEntry(row: ServiceLogEntity): LogEntry {
  const seq = Number(row.streamSeq);
  return {
    id: `${seq}-${row.idx}`,
    seq,
    time: row.time.toISOString(),
    level: row.level as LogEntry['level'],
    service: row.service as LogEntry['service'],
    instanceId: row.instanceId,
    message: row.message,
    ...(row.correlationId ? { correlationId: row.correlationId } : {}),
    ...(row.context ? { context: row.context } : {}),
    ...(row.data ? { data: row.data } : {}),
  };
}

/** The levels at or above `minimum` (all when none is given). */
export function levelsFrom(minimum: LogEntry['level'] | undefined): LogEntry['level'][] {
  return LOG_LEVELS.slice(minimum ? LOG_LEVELS.indexOf(minimum) : 0);
}
