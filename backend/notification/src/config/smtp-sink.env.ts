import { databaseEnv, envVar } from '@shop/common';
import { z } from 'zod';

/** The local SMTP sink's variables (it runs outside Nest: read with `loadConfig`). */
export const smtpSinkEnv = databaseEnv.extend({
  SMTP_SINK_PORT: envVar.port(2525, 'Port the local SMTP sink accepts mail on'),
  SMTP_SINK_HOST: envVar.text('127.0.0.1', 'Address the local SMTP sink listens on'),
});

export type SmtpSinkEnv = z.output<typeof smtpSinkEnv>;
