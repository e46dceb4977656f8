import { EntityManager } from 'typeorm';
import { quoteIdent } from './outbox-tables';

/**
 * Records that `consumer` handled `messageId` inside the caller's transaction. Returns false when it was
 * already recorded (a redelivery): the caller then skips its side effects.
 */
export async function markProcessed(
  manager: EntityManager,
  schema: string,
  consumer: string,
  messageId: string,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO ${quoteIdent(schema)}."processed_messages" ("consumer", "message_id") VALUES ($1, $2)
     ON CONFLICT DO NOTHING RETURNING "message_id"`,
    [consumer, messageId],
  );
  return rows.length === 1;
}

/** Whether `consumer` already handled `messageId`. */
export async function wasProcessed(
  manager: EntityManager,
  schema: string,
  consumer: string,
  messageId: string,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM ${quoteIdent(schema)}."processed_messages" WHERE "consumer" = $1 AND "message_id" = $2`,
    [consumer, messageId],
  );
  return rows.length > 0;
}
