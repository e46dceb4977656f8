import { LOG_LEVELS, LogEntry, LogFilter } from '@shop/contracts';

/** The shipped shape of one record (libs/common LogRecord), as read back from the stream. */
export interface ShippedRecord {
  time: string;
  level: LogEntry['level'];
  service: LogEntry['service'];
  instanceId: string;
  message: string;
  correlationId?: string;
  context?: string;
  data?: Record<string, unknown>;
}

/** Turns one stream message (a batch of records) into entries with stable ids. */
export function toEntries(seq: number, records: unknown): LogEntry[] {
  if (!Array.isArray(records)) return [];
  return (records as ShippedRecord[]).map((r, index) => ({ id: `${seq}-${index}`, seq, ...r }));
}

/** A predicate that is true for entries matching every given filter. */
export function logMatcher(filter: LogFilter): (entry: LogEntry) => boolean {
  const minLevel = filter.level ? LOG_LEVELS.indexOf(filter.level) : 0;
  const needle = filter.q?.toLowerCase();
  return (entry) => {
    if (filter.service && entry.service !== filter.service) return false;
    if (filter.instanceId && entry.instanceId !== filter.instanceId) return false;
    if (filter.correlationId && entry.correlationId !== filter.correlationId) return false;
    if (LOG_LEVELS.indexOf(entry.level) < minLevel) return false;
    if (needle) {
      const haystack = [
        entry.message,
        entry.context,
        entry.instanceId,
        entry.data ? JSON.stringify(entry.data) : '',
      ]
        .join('\n')
        .toLowerCase();
      if (!haystack.includes(needle)) return false;
    }
    return true;
  };
}
