import { MigrationInterface, QueryRunner } from 'typeorm';
import { SEARCH_DOCUMENT, SERVICE_LOG_INDEXES } from '../logs/service-log-sql';

/** The log store: `service_logs` with an index per filter and a GIN index for full-text search. */
export class ServiceLogs1765000000000 implements MigrationInterface {
  name = 'ServiceLogs1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "notification"."service_logs" (
      "stream_seq" bigint NOT NULL,
      "idx" int NOT NULL,
      "time" timestamptz NOT NULL,
      "level" text NOT NULL,
      "service" text NOT NULL,
      "instance_id" text NOT NULL,
      "message" text NOT NULL,
      "correlation_id" text NULL,
      "context" text NULL,
      "data" jsonb NULL,
      "search" tsvector GENERATED ALWAYS AS (${SEARCH_DOCUMENT}) STORED,
      PRIMARY KEY ("stream_seq", "idx")
    )`);
    for (const { name, definition } of SERVICE_LOG_INDEXES)
      await q.query(`CREATE INDEX "${name}" ON "notification"."service_logs" ${definition}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "notification"."service_logs"`);
  }
}
