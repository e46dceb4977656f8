import { EntityManager } from 'typeorm';
import { quoteIdent } from './outbox-tables';

/** An event to publish once the surrounding transaction commits. */
export interface OutboxEvent {
  type: string;
  payload: object;
}

/**
 * Appends events to the service's outbox through `manager`, which must be the manager of the transaction
 * that changes the business state: the event exists if and only if the change committed.
 * Returns the new row ids (the message ids JetStream de-duplicates on).
 */
export async function appendToOutbox(
  manager: EntityManager,
  schema: string,
  events: readonly OutboxEvent[],
): Promise<string[]> {
  if (events.length === 0) return [];
  const values: unknown[] = [];
  const rows = events.map((e, i) => {
    values.push(e.type, JSON.stringify(e.payload));
    return `($${i * 2 + 1}, $${i * 2 + 2}::jsonb)`;
  });
  const inserted: { id: string }[] = await manager.query(
    `INSERT INTO ${quoteIdent(schema)}."outbox" ("type", "payload") VALUES ${rows.join(', ')} RETURNING "id"`,
    values,
  );
  return inserted.map((r) => r.id);
}
