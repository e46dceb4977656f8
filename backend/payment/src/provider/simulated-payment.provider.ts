import { randomUUID } from 'node:crypto';
import { SIMULATED_TEST_CARDS } from '@shop/contracts';
import { PaymentProvider, PaymentProviderError, ProviderCharge, ProviderOutcome } from './payment-provider';

/**
 * SIMULATED payment provider: no network, no money. It stands in for a real provider (Stripe-style) and
 * answers by test card number, like a provider sandbox:
 *
 * | card                | outcome                                                   |
 * |---------------------|-----------------------------------------------------------|
 * | 4242 4242 4242 4242 | approved                                                  |
 * | 4000 0000 0000 0002 | declined ("card_declined")                                |
 * | 4000 0000 0000 9995 | declined ("insufficient_funds")                           |
 * | 4000 0000 0000 0077 | approved after SIM_PROVIDER_SLOW_MS (default 3000 ms)     |
 * | 4000 0000 0000 0119 | provider error (an outage: counts against the breaker)    |
 * | any other 12–19 digits | approved                                               |
 *
 * `SIM_PROVIDER_LATENCY_MS` adds a fixed delay to every call (default 0).
 */
export class SimulatedPaymentProvider implements PaymentProvider {
  readonly name = 'simulated';
  private readonly authorizations = new Map<string, string>();

  constructor(
    private readonly slowMs = 3000,
    private readonly latencyMs = 0,
  ) {}

  async authorize(charge: ProviderCharge): Promise<ProviderOutcome> {
    if (this.latencyMs > 0) await delay(this.latencyMs);
    const card = charge.cardNumber.replace(/[\s-]/g, '');
    switch (card) {
      case SIMULATED_TEST_CARDS.decline:
        return { approved: false, reason: 'The card was declined', declineCode: 'card_declined' };
      case SIMULATED_TEST_CARDS.insufficientFunds:
        return {
          approved: false,
          reason: 'Insufficient funds on the card',
          declineCode: 'insufficient_funds',
        };
      case SIMULATED_TEST_CARDS.providerError:
        throw new PaymentProviderError('Simulated provider error (processing_error)');
      case SIMULATED_TEST_CARDS.slow:
        await delay(this.slowMs);
        break;
    }
    // Like a real provider's idempotency key: the same reference never authorizes twice.
    const existing = this.authorizations.get(charge.reference);
    if (existing) return { approved: true, providerRef: existing };
    const providerRef = `sim_auth_${randomUUID()}`;
    this.authorizations.set(charge.reference, providerRef);
    return { approved: true, providerRef };
  }

  async void(_providerRef: string): Promise<void> {
    if (this.latencyMs > 0) await delay(this.latencyMs);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
