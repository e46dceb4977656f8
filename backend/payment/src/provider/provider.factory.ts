import { AppLogger, envInt, envString } from '@shop/common';
import { PaymentProvider } from './payment-provider';
import { GuardedProvider } from './provider-breaker';
import { SimulatedPaymentProvider } from './simulated-payment.provider';

/**
 * Chooses the provider from PAYMENT_PROVIDER (only `simulated` ships; a real one, e.g. Stripe, would be a
 * PaymentProvider implementation selected here) and wraps it in the circuit breaker:
 * PAYMENT_BREAKER_THRESHOLD (3), PAYMENT_BREAKER_COOLDOWN_MS (10000), PAYMENT_PROVIDER_TIMEOUT_MS (5000).
 */
export function createGuardedProvider(logger: AppLogger): GuardedProvider {
  const name = envString('PAYMENT_PROVIDER', 'simulated');
  let provider: PaymentProvider;
  if (name === 'simulated') {
    provider = new SimulatedPaymentProvider(
      envInt('SIM_PROVIDER_SLOW_MS', 3000),
      envInt('SIM_PROVIDER_LATENCY_MS', 0),
    );
  } else {
    throw new Error(
      `PAYMENT_PROVIDER "${name}" is not available; this build ships the "simulated" provider only`,
    );
  }
  const threshold = envInt('PAYMENT_BREAKER_THRESHOLD', 3);
  return new GuardedProvider(
    provider,
    threshold,
    envInt('PAYMENT_BREAKER_COOLDOWN_MS', 10_000),
    envInt('PAYMENT_PROVIDER_TIMEOUT_MS', 5000),
    (state) =>
      logger.write(
        state === 'open' ? 'error' : 'info',
        `Payment provider "${name}" circuit breaker is ${state}`,
        {
          context: 'PaymentBreaker',
        },
      ),
  );
}
