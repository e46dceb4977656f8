/**
 * The text configuration of the log's full-text search: `simple` (no stemming, no stop words), since log
 * lines are identifiers, codes and English fragments alike.
 */
export const SEARCH_CONFIG = 'simple';

/** The generated search document of a `service_logs` row. */
export const SEARCH_DOCUMENT = `to_tsvector('${SEARCH_CONFIG}', message || ' ' || coalesce(context, '') || ' ' || instance_id)`;
