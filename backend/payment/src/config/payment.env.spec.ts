import { ConfigError, instanceEnv, loadConfig } from '@shop/common';
import { z } from 'zod';
import { paymentEnv } from './payment.env';

describe('paymentEnv', () => {
  it('has a default and a description for each of its variables', () => {
    const doc = z.toJSONSchema(paymentEnv, { io: 'input' }) as {
      properties: Record<string, { description?: string; default?: unknown }>;
    };
    const own = Object.keys(doc.properties).filter((name) => !(name in instanceEnv.shape));
    for (const name of own)
      expect({ name, ...doc.properties[name] }).toMatchObject({
        name,
        description: expect.any(String),
        default: expect.anything(),
      });
    expect(loadConfig(paymentEnv, {})).toMatchObject({
      PAYMENT_PROVIDER: 'simulated',
      PAYMENT_PROVIDER_TIMEOUT_MS: 5000,
      PAYMENT_BREAKER_THRESHOLD: 3,
      PAYMENT_BREAKER_COOLDOWN_MS: 10_000,
      SIM_PROVIDER_SLOW_MS: 3000,
      SIM_PROVIDER_LATENCY_MS: 0,
    });
  });

  it('refuses a provider this build does not ship', () => {
    expect(() => loadConfig(paymentEnv, { PAYMENT_PROVIDER: 'stripe' })).toThrow(ConfigError);
  });
});
