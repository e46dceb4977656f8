import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An order's timeline moves into the order row (a jsonb array of entries, oldest first): every saga step
 * appends its entries in the same UPDATE that records the step, so a step is one statement, and the steps
 * without an outbox event need no transaction of their own.
 */
export class OrdersTimelineColumn1765300000000 implements MigrationInterface {
  name = 'OrdersTimelineColumn1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "orders"."orders" ADD COLUMN "timeline" jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await q.query(`UPDATE "orders"."orders" o SET "timeline" = t.entries
      FROM (
        SELECT "order_id", jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
          'step', "step", 'outcome', "outcome", 'instanceId', "instance_id",
          'correlationId', "correlation_id", 'detail', "detail",
          'at', to_char("at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
        )) ORDER BY "id") AS entries
        FROM "orders"."order_timeline" GROUP BY "order_id"
      ) t
      WHERE t."order_id" = o."id"`);
    await q.query(`DROP TABLE "orders"."order_timeline"`);
  }

  async down(q: QueryRunner): Promise<void> {
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
    await q.query(`INSERT INTO "orders"."order_timeline"
        ("order_id", "step", "outcome", "instance_id", "correlation_id", "detail", "at")
      SELECT o."id", e->>'step', e->>'outcome', e->>'instanceId', e->>'correlationId', e->>'detail',
        (e->>'at')::timestamptz
      FROM "orders"."orders" o, jsonb_array_elements(o."timeline") WITH ORDINALITY AS x(e, n)
      ORDER BY o."id", x.n`);
    await q.query(`ALTER TABLE "orders"."orders" DROP COLUMN "timeline"`);
  }
}
