import { ConfigService } from '@nestjs/config';
import { AppLogger } from '@shop/common';
import { ClusterConfigStore } from '@shop/messaging';
import { PaymentEnv } from '../config/payment.env';
import { GuardedProvider } from './guarded-provider';
import { OutageSwitchProvider } from './provider-outage';
import { SimulatedPaymentProvider } from './simulated-payment.provider';

/**
 * The provider PAYMENT_PROVIDER names (only `simulated` ships; a real one, e.g. Stripe, would be a
 * PaymentProvider implementation chosen here), behind the operator's outage switch (the cluster configuration's
 * `paymentOutage`), its timeout and circuit breaker.
 */
export function createGuardedProvider(
  config: ConfigService<PaymentEnv, true>,
  logger: AppLogger,
  clusterConfig: ClusterConfigStore,
): GuardedProvider {
  const get = <K extends keyof PaymentEnv>(key: K): PaymentEnv[K] => config.get(key, { infer: true });
  const provider = new OutageSwitchProvider(
    new SimulatedPaymentProvider(get('SIM_PROVIDER_SLOW_MS'), get('SIM_PROVIDER_LATENCY_MS')),
    () => clusterConfig.current().config.paymentOutage,
  );
  return new GuardedProvider(
    provider,
    {
      threshold: get('PAYMENT_BREAKER_THRESHOLD'),
      cooldownMs: get('PAYMENT_BREAKER_COOLDOWN_MS'),
      timeoutMs: get('PAYMENT_PROVIDER_TIMEOUT_MS'),
    },
    (state) =>
      logger.write(
        state === 'open' ? 'error' : 'info',
        `Payment provider "${provider.name}" circuit breaker is ${state}`,
        { context: 'PaymentBreaker' },
      ),
  );
}
