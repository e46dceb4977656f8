import { MigrationInterface, QueryRunner } from 'typeorm';
import { processedMessagesTableSql } from '@shop/persistence';

/**
 * A mailed event's record is its row in sent_notifications (keyed by the event id): the separate
 * processed-message record, always written in the same transaction, goes.
 */
export class NotificationSentAsRecord1765200000000 implements MigrationInterface {
  name = 'NotificationSentAsRecord1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "notification"."processed_messages"`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of processedMessagesTableSql('notification')) await q.query(sql);
    await q.query(`INSERT INTO "notification"."processed_messages" ("consumer", "message_id", "processed_at")
      SELECT 'notification-mail', "message_id", "sent_at" FROM "notification"."sent_notifications"`);
  }
}
