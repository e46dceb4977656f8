import { EntityManager, InsertQueryBuilder, ObjectLiteral } from 'typeorm';
import { outboxTable } from './outbox-tables';

/** An event to publish once the surrounding transaction commits. */
export interface OutboxEvent {
  type: string;
  payload: object;
}

/**
 * Appends events to `<schema>.outbox` through `manager`, which must be the manager of the transaction that
 * changes the business state: the event exists if and only if the change committed.
 * Returns the new row ids (the message ids JetStream de-duplicates on).
 */
export async function appendToOutbox(
  manager: EntityManager,
  schema: string,
  events: readonly OutboxEvent[],
): Promise<string[]> {
  if (events.length === 0) return [];
  const result = await outboxInsert(manager, schema, events).execute();
  return (result.raw as { id: string }[]).map((r) => r.id);
}

/**
 * The INSERT that appends `events` (one or more) to `<schema>.outbox`, returning the new ids, for a caller
 * that sends it itself (see PipelinedTransaction).
 */
export function outboxInsert(
  manager: EntityManager,
  schema: string,
  events: readonly OutboxEvent[],
): InsertQueryBuilder<ObjectLiteral> {
  // The table path resolves to the OutboxRecord entity where the data source maps it, and to the plain table
  // otherwise; `type` and `payload` are the same name as property and as column, so both read alike.
  return manager
    .createQueryBuilder()
    .insert()
    .into(outboxTable(schema))
    .values(events.map((e) => ({ type: e.type, payload: e.payload })))
    .returning('id');
}
