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
});

export type NotificationEnv = z.output<typeof notificationEnv>;
