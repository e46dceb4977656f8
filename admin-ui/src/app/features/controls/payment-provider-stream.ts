import { Injectable, inject, signal } from '@angular/core';
import type { PaymentProviderOverview } from '@shop/contracts';
import { AuthApi, EVENT_SOURCE_FACTORY, SharedEventStream, parseEvent, withAccessToken } from '@shop/web';

export const PAYMENT_PROVIDER_STREAM_URL = '/api/admin/payment/provider/stream';

function isOverview(value: unknown): value is PaymentProviderOverview {
  const v = value as Partial<PaymentProviderOverview> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.outage === 'string' &&
    Array.isArray(v.instances) &&
    Array.isArray(v.unreachable)
  );
}

/**
 * The payment provider's outage switch and every payment instance's provider breaker, from
 * `GET /api/admin/payment/provider/stream` (server-sent events, one a second). Shared like the health stream.
 */
@Injectable({ providedIn: 'root' })
export class PaymentProviderStream {
  private readonly auth = inject(AuthApi);

  readonly overview = signal<PaymentProviderOverview | undefined>(undefined);

  private readonly stream = new SharedEventStream({
    open: inject(EVENT_SOURCE_FACTORY),
    prepare: (connect, giveUp) => {
      this.auth.freshAccessToken().subscribe({
        next: (token) => connect(withAccessToken(PAYMENT_PROVIDER_STREAM_URL, token)),
        error: giveUp,
      });
    },
    handlers: { 'payment-provider': (data) => this.receive(data) },
    reopenAfterMs: 2000,
  });

  readonly state = this.stream.state;

  connect(): () => void {
    return this.stream.connect();
  }

  private receive(data: string): void {
    const overview = parseEvent(data, isOverview);
    if (overview) this.overview.set(overview);
  }
}
