import { PaymentOutage } from '@shop/contracts';
import { PaymentProvider, PaymentProviderError, ProviderCharge, ProviderOutcome } from './payment-provider';

/**
 * A provider with an operator's outage switch in front of it (the cluster configuration's `paymentOutage`):
 * `fail` makes every authorization fail at once, `timeout` leaves every authorization unanswered (the guard's
 * timeout ends it). Either way the provider is not called and nothing is charged. Voids pass through: they
 * release money already held and run inside a payment row's lock, which an unanswered call would keep.
 */
export class OutageSwitchProvider implements PaymentProvider {
  constructor(
    private readonly inner: PaymentProvider,
    private readonly outage: () => PaymentOutage,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  authorize(charge: ProviderCharge): Promise<ProviderOutcome> {
    switch (this.outage()) {
      case 'fail':
        return Promise.reject(
          new PaymentProviderError(`Payment provider "${this.inner.name}" is down (outage switch: fail)`),
        );
      case 'timeout':
        // Never settles and holds no timer: the guard's timeout gives up on it.
        return new Promise<ProviderOutcome>(() => undefined);
      default:
        return this.inner.authorize(charge);
    }
  }

  void(providerRef: string): Promise<void> {
    return this.inner.void(providerRef);
  }
}
