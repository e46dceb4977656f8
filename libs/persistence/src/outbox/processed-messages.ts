import { EntityManager } from 'typeorm';

/** Whether `consumer` already handled `messageId` (its row in `<schema>.processed_messages`). */
export async function wasProcessed(
  manager: EntityManager,
  schema: string,
  consumer: string,
  messageId: string,
): Promise<boolean> {
  const row: unknown = await manager
    .createQueryBuilder()
    .select('1', 'found')
    .from(`${schema}.processed_messages`, 'm')
    .where('m.consumer = :consumer AND m.message_id = :messageId', { consumer, messageId })
    .getRawOne();
  return row !== undefined;
}
