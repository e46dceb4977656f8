import { ConfigError, loadConfig } from '@shop/common';
import { paymentEnv } from './payment.env';

describe('paymentEnv', () => {
  it('refuses a provider this build does not ship', () => {
    expect(() => loadConfig(paymentEnv, { PAYMENT_PROVIDER: 'stripe' })).toThrow(ConfigError);
  });
});
