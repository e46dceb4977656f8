/**
 * The text configuration of the log's full-text search: `simple` (no stemming, no stop words), since log
 * lines are identifiers, codes and English fragments alike.
 */
export const SEARCH_CONFIG = 'simple';

/** The generated search document of a `service_logs` row. */
export const SEARCH_DOCUMENT = `to_tsvector('${SEARCH_CONFIG}', message || ' ' || coalesce(context, '') || ' ' || instance_id)`;

/** The indexes of `service_logs` besides its key: one per filter, and GIN for the full-text document. */
export const SERVICE_LOG_INDEXES: readonly { name: string; definition: string }[] = [
  { name: 'service_logs_time', definition: '("time" DESC, "stream_seq" DESC, "idx" DESC)' },
  { name: 'service_logs_service_time', definition: '("service", "time" DESC)' },
  { name: 'service_logs_level_time', definition: '("level", "time" DESC)' },
  { name: 'service_logs_correlation', definition: '("correlation_id") WHERE "correlation_id" IS NOT NULL' },
  { name: 'service_logs_search', definition: 'USING GIN ("search")' },
];
