import { MigrationInterface, QueryRunner } from 'typeorm';
import { processedMessagesTableSql } from '@shop/persistence';
import { SINK_MAIL_TABLE_SQL } from '../sink/sink-mail-table';

export class Notification1732400000000 implements MigrationInterface {
  name = 'Notification1732400000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of processedMessagesTableSql('notification')) await q.query(sql);
    await q.query(`CREATE TABLE "notification"."sent_notifications" (
      "message_id" text PRIMARY KEY,
      "event_type" text NOT NULL,
      "order_id" text NULL,
      "to" text NOT NULL,
      "subject" text NOT NULL,
      "smtp_response" text NOT NULL,
      "sent_at" timestamptz NOT NULL DEFAULT now()
    )`);
    for (const sql of SINK_MAIL_TABLE_SQL) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "notification"."sent_notifications"`);
    await q.query(`DROP TABLE "notification"."processed_messages"`);
  }
}
