import { ConfigError, loadConfig } from '@shop/common';
import { notificationEnv } from './notification.env';

describe('notification schemas', () => {
  it('refuses an SMTP_URL that is not an SMTP server', () => {
    expect(() => loadConfig(notificationEnv, { SMTP_URL: 'http://mail.local' })).toThrow(ConfigError);
  });
});
