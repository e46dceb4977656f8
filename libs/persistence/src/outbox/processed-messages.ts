import { EntityManager } from 'typeorm';
import { quoteIdent } from './outbox-tables';

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
