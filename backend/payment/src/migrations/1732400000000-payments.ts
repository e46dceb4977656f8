import { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxTableSql } from '@shop/persistence';

export class Payments1732400000000 implements MigrationInterface {
  name = 'Payments1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "payment"."payments" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "order_id" uuid NOT NULL,
      "status" text NOT NULL,
      "amount_minor" bigint NOT NULL,
      "currency" text NOT NULL,
      "provider" text NOT NULL,
      "card_last4" text NOT NULL,
      "reason" text NULL,
      "provider_ref" text NULL,
      "correlation_id" text NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX "payments_order_id_key" ON "payment"."payments" ("order_id")`);
    for (const sql of outboxTableSql('payment')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "payment"."outbox"`);
    await q.query(`DROP TABLE "payment"."payments"`);
  }
}
