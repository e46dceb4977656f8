/**
 * SQL for the tables of the transactional outbox and the consumer-side processed-message record. A service
 * runs them from one of its migrations; the relay and the consumers only rely on the columns defined here
 * (`id uuid, type text, payload jsonb, created_at timestamptz, published_at timestamptz null`).
 */
export function outboxTableSql(schema: string): string[] {
  const s = quoteIdent(schema);
  return [
    `CREATE TABLE IF NOT EXISTS ${s}."outbox" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "type" text NOT NULL,
      "payload" jsonb NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
      "published_at" timestamptz NULL
    )`,
    `CREATE INDEX IF NOT EXISTS "outbox_unpublished_idx" ON ${s}."outbox" ("created_at") WHERE "published_at" IS NULL`,
  ];
}

/** One row per (consumer, message id) a durable consumer has handled: redeliveries are skipped. */
export function processedMessagesTableSql(schema: string): string[] {
  const s = quoteIdent(schema);
  return [
    `CREATE TABLE IF NOT EXISTS ${s}."processed_messages" (
      "consumer" text NOT NULL,
      "message_id" text NOT NULL,
      "processed_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("consumer", "message_id")
    )`,
  ];
}

/** The outbox table of `schema` as TypeORM names a table: `<schema>.outbox`. */
export function outboxTable(schema: string): string {
  return `${schema}.outbox`;
}

/** Quotes a PostgreSQL identifier (schema names come from code, but never trust a string into SQL). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
