import { envVar, instanceEnv } from '@shop/common';
import { z } from 'zod';

/** The notification service's variables (besides every instance's). */
export const notificationEnv = instanceEnv.extend({
  SMTP_URL: envVar.url(
    'smtp://127.0.0.1:2525',
    'SMTP server the order e-mails are sent to (the local SMTP sink by default)',
    ['smtp', 'smtps'],
  ),
  MAIL_FROM: envVar.text('Distributed Shop <orders@shop.local>', 'Sender of the order e-mails'),
  LOG_STORE_RETENTION_HOURS: envVar.int(
    168,
    'How long the log store (table service_logs) keeps records, in hours',
    { min: 1 },
  ),
  LOG_STORE_SWEEP_MS: envVar.ms(60_000, 'How often records older than the retention are deleted', {
    min: 1000,
  }),
  LOG_STORE_BATCH: envVar.int(
    200,
    'Log-stream messages (each a batch of records) inserted into the log store together',
    { min: 1, max: 1000 },
  ),
});

export type NotificationEnv = z.output<typeof notificationEnv>;
