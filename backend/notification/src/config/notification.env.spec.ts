import { ConfigError, instanceEnv, loadConfig } from '@shop/common';
import { z } from 'zod';
import { notificationEnv } from './notification.env';
import { smtpSinkEnv } from './smtp-sink.env';

function ownVariables(schema: z.ZodType, shared: Record<string, unknown>) {
  const doc = z.toJSONSchema(schema, { io: 'input' }) as {
    properties: Record<string, { description?: string; default?: unknown }>;
  };
  return Object.entries(doc.properties)
    .filter(([name]) => !(name in shared))
    .map(([name, property]) => ({ name, ...property }));
}

describe('notification schemas', () => {
  it('give every variable of the service and of the SMTP sink a default and a description', () => {
    const own = [
      ...ownVariables(notificationEnv, instanceEnv.shape),
      ...ownVariables(smtpSinkEnv, instanceEnv.shape),
    ];
    expect(own.map((v) => v.name).sort()).toEqual([
      'MAIL_FROM',
      'SMTP_SINK_HOST',
      'SMTP_SINK_PORT',
      'SMTP_URL',
    ]);
    for (const v of own)
      expect(v).toMatchObject({ description: expect.any(String), default: expect.anything() });
    expect(loadConfig(smtpSinkEnv, {})).toMatchObject({ SMTP_SINK_PORT: 2525, SMTP_SINK_HOST: '127.0.0.1' });
  });

  it('refuses an SMTP_URL that is not an SMTP server', () => {
    expect(() => loadConfig(notificationEnv, { SMTP_URL: 'http://mail.local' })).toThrow(ConfigError);
  });
});
