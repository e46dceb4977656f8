import 'reflect-metadata';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { DEFAULT_DATABASE_URL, envInt, envString } from '@shop/common';
import { ensureDatabase } from '@shop/persistence';
import { SINK_MAIL_TABLE_SQL } from './sink/sink-mail-table';
import { parseMail } from './sink/parse-mail';

/**
 * The local SMTP sink: a real SMTP server (smtp-server) that accepts every message and stores it in
 * PostgreSQL (notification.smtp_sink_mail), where the admin lists it through the notification service.
 * Env: SMTP_SINK_PORT (2525), SMTP_SINK_HOST (127.0.0.1), DATABASE_URL.
 */
async function main(): Promise<void> {
  const url = envString('DATABASE_URL', DEFAULT_DATABASE_URL);
  await ensureDatabase(url);
  const db = await new DataSource({ type: 'postgres', url, extra: { max: 3 } }).initialize();
  await db.query(`SELECT pg_advisory_lock(hashtext('smtp-sink-schema'))`);
  try {
    for (const sql of SINK_MAIL_TABLE_SQL) await db.query(sql);
  } finally {
    await db.query(`SELECT pg_advisory_unlock(hashtext('smtp-sink-schema'))`);
  }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    banner: 'Distributed Shop local SMTP sink',
    size: 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail = parseMail(raw);
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const to = session.envelope.rcptTo.map((r) => r.address);
        db.query(
          `INSERT INTO notification.smtp_sink_mail (mail_from, rcpt_to, subject, text, raw_size) VALUES ($1, $2, $3, $4, $5)`,
          [from, to, mail.subject, mail.text, raw.length],
        ).then(
          () => callback(null),
          (err: Error) => callback(err),
        );
      });
    },
  });
  const port = envInt('SMTP_SINK_PORT', 2525);
  const host = envString('SMTP_SINK_HOST', '127.0.0.1');
  server.listen(port, host, () =>
    console.log(JSON.stringify({ msg: `SMTP sink listening on ${host}:${port}` })),
  );
  const stop = () => server.close(() => void db.destroy().finally(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: Error) => {
  console.error(`smtp-sink failed to start: ${err.stack ?? err.message}`);
  process.exit(1);
});
