import 'reflect-metadata';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { exitOnConfigError, loadConfig } from '@shop/common';
import { ensureDatabase, migrateWithLock, serviceDataSourceOptions } from '@shop/persistence';
import { smtpSinkEnv } from './config/smtp-sink.env';
import { notificationEntities } from './entities';
import { notificationMigrations } from './migrations';
import { parseMail } from './sink/parse-mail';
import { SmtpSinkMailEntity } from './sink/smtp-sink-mail.entity';

/**
 * The local SMTP sink: a real SMTP server (smtp-server) that accepts every message and stores it in
 * PostgreSQL (notification.smtp_sink_mail), where the admin lists it through the notification service.
 * Its table belongs to the notification migrations: the sink runs them the way the service does (under the
 * service's migration lock), so whichever starts first creates the schema and the other finds it done.
 */
async function main(): Promise<void> {
  const env = loadConfig(smtpSinkEnv);
  await ensureDatabase(env.DATABASE_URL);
  const db = await new DataSource(
    serviceDataSourceOptions(
      { schema: 'notification', entities: notificationEntities, migrations: notificationMigrations },
      env,
    ),
  ).initialize();
  await migrateWithLock(db, 'notification');
  const mailbox = db.getRepository(SmtpSinkMailEntity);
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
        mailbox
          .insert({
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject,
            text: mail.text,
            rawSize: raw.length,
          })
          .then(
            () => callback(null),
            (err: Error) => callback(err),
          );
      });
    },
  });
  const { SMTP_SINK_PORT: port, SMTP_SINK_HOST: host } = env;
  server.listen(port, host, () =>
    console.log(JSON.stringify({ msg: `SMTP sink listening on ${host}:${port}` })),
  );
  const stop = () => server.close(() => void db.destroy().finally(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: Error) => {
  exitOnConfigError(err);
  console.error(`smtp-sink failed to start: ${err.stack ?? err.message}`);
  process.exit(1);
});
