import { envVar, instanceEnv } from '@shop/common';
import { z } from 'zod';

/** The payment service's variables (besides every instance's). */
export const paymentEnv = instanceEnv.extend({
  PAYMENT_PROVIDER: envVar.oneOf(
    ['simulated'],
    'simulated',
    'Payment provider the service charges through (this build ships the simulated one only)',
  ),
  PAYMENT_PROVIDER_TIMEOUT_MS: envVar.ms(
    5000,
    'How long an authorization may take before it counts as a provider failure',
    { min: 1, max: 600_000 },
  ),
  PAYMENT_BREAKER_THRESHOLD: envVar.int(
    3,
    'Consecutive provider failures (errors or timeouts, not declines) that open the provider breaker',
    { min: 1, max: 1000 },
  ),
  PAYMENT_BREAKER_COOLDOWN_MS: envVar.ms(
    10_000,
    'How long an open provider breaker refuses charges before it lets a probe through',
    { min: 1, max: 600_000 },
  ),
  SIM_PROVIDER_SLOW_MS: envVar.ms(3000, 'Delay of the simulated provider for its "slow" test card'),
  SIM_PROVIDER_LATENCY_MS: envVar.ms(0, 'Delay the simulated provider adds to every call'),
});

export type PaymentEnv = z.output<typeof paymentEnv>;
