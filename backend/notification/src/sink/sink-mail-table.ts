/**
 * The table where the local SMTP sink stores every message it receives; created by the notification
 * migrations, which the service and the sink both run under the same migration lock.
 */
export const SINK_MAIL_TABLE_SQL = [
  `CREATE SCHEMA IF NOT EXISTS "notification"`,
  `CREATE TABLE IF NOT EXISTS "notification"."smtp_sink_mail" (
    "id" bigserial PRIMARY KEY,
    "mail_from" text NOT NULL,
    "rcpt_to" text[] NOT NULL,
    "subject" text NOT NULL,
    "text" text NOT NULL,
    "raw_size" integer NOT NULL,
    "received_at" timestamptz NOT NULL DEFAULT now()
  )`,
];
