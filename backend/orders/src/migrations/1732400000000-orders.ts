import { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxTableSql, processedMessagesTableSql } from '@shop/persistence';

export class Orders1732400000000 implements MigrationInterface {
  name = 'Orders1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "orders"."orders" (
      "id" uuid PRIMARY KEY,
      "user_id" text NOT NULL,
      "email" text NOT NULL,
      "priority" text NOT NULL,
      "status" text NOT NULL,
      "saga_step" text NOT NULL,
      "idempotency_key" text NOT NULL,
      "request_hash" text NOT NULL,
      "items" jsonb NOT NULL,
      "lines" jsonb NOT NULL DEFAULT '[]',
      "from_cart" boolean NOT NULL DEFAULT false,
      "shipping" jsonb NULL,
      "currency" text NOT NULL DEFAULT 'USD',
      "total_minor" bigint NOT NULL DEFAULT 0,
      "failure_code" text NULL,
      "failure_reason" text NULL,
      "retry_after_s" integer NULL,
      "correlation_id" text NOT NULL,
      "lease_owner" text NULL,
      "lease_until" timestamptz NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "confirmed_at" timestamptz NULL,
      "processing_started_at" timestamptz NULL,
      "completed_at" timestamptz NULL
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "orders_idempotency_key" ON "orders"."orders" ("user_id", "idempotency_key")`,
    );
    await q.query(`CREATE INDEX "orders_user_created" ON "orders"."orders" ("user_id", "created_at" DESC)`);
    await q.query(`CREATE INDEX "orders_created" ON "orders"."orders" ("created_at" DESC)`);
    await q.query(
      `CREATE INDEX "orders_saga_lease" ON "orders"."orders" ("lease_until") WHERE "status" = 'PLACED'`,
    );
    await q.query(
      `CREATE INDEX "orders_started_recent" ON "orders"."orders" ("priority", "processing_started_at") WHERE "processing_started_at" IS NOT NULL`,
    );
    await q.query(`CREATE TABLE "orders"."order_timeline" (
      "id" bigserial PRIMARY KEY,
      "order_id" uuid NOT NULL,
      "step" text NOT NULL,
      "outcome" text NOT NULL,
      "instance_id" text NOT NULL,
      "correlation_id" text NOT NULL,
      "detail" text NULL,
      "at" timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
    await q.query(`CREATE INDEX "order_timeline_order" ON "orders"."order_timeline" ("order_id", "id")`);
    // The durable priority queues: one row per confirmed order until it is fulfilled.
    await q.query(`CREATE TABLE "orders"."order_queue" (
      "order_id" uuid PRIMARY KEY,
      "priority" text NOT NULL,
      "enqueued_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
      "claimed_by" text NULL,
      "lease_until" timestamptz NULL
    )`);
    await q.query(`CREATE INDEX "order_queue_next" ON "orders"."order_queue" ("priority", "enqueued_at")`);
    for (const sql of [...outboxTableSql('orders'), ...processedMessagesTableSql('orders')])
      await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['processed_messages', 'outbox', 'order_queue', 'order_timeline', 'orders'])
      await q.query(`DROP TABLE "orders"."${t}"`);
  }
}
