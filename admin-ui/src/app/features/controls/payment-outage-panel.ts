import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, output } from '@angular/core';
import { PAYMENT_OUTAGES, type ConfigCommand, type PaymentOutage } from '@shop/contracts';
import { PaymentProviderStream } from './payment-provider-stream';

const OUTAGE_LABEL: Record<PaymentOutage, string> = {
  none: 'working',
  fail: 'down: every call fails',
  timeout: 'down: every call times out',
};

/**
 * The payment provider's outage switch (through the cluster configuration) and, live, the provider circuit
 * breaker of every payment instance: it opens after the consecutive failures, fails fast, and half-opens after
 * its cool-down to let one probe through.
 */
@Component({
  selector: 'adm-payment-outage-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2>Payment provider</h2>
    <div class="segmented" role="radiogroup" aria-label="Payment provider outage">
      @for (mode of outages; track mode) {
        <button
          type="button"
          role="radio"
          [attr.data-outage]="mode"
          [attr.aria-checked]="outage() === mode"
          [class.active]="outage() === mode"
          [class.danger]="mode !== 'none'"
          (click)="switchTo(mode)"
        >
          {{ label[mode] }}
        </button>
      }
    </div>
    @if (stream.overview(); as o) {
      <div
        class="table-wrap"
        tabindex="0"
        role="region"
        aria-label="Provider breaker of every payment instance"
      >
        <table>
          <thead>
            <tr>
              <th>Instance</th>
              <th>Breaker</th>
              <th class="num">Failures in a row</th>
              <th>Half-opens at</th>
              <th class="num">Provider calls</th>
            </tr>
          </thead>
          <tbody>
            @for (i of o.instances; track i.instanceId) {
              <tr [attr.data-instance]="i.instanceId">
                <td>
                  <strong>{{ i.instanceId }}</strong>
                  <div class="muted small">{{ i.provider }}</div>
                </td>
                <td>
                  <span class="breaker" [attr.data-breaker]="i.breaker">{{ i.breaker }}</span>
                </td>
                <td class="num">{{ i.consecutiveFailures }}</td>
                <td>{{ i.halfOpenAt ? i.halfOpenAt.slice(11, 19) : '–' }}</td>
                <td class="num">{{ i.providerCalls }}</td>
              </tr>
            }
            @for (id of o.unreachable; track id) {
              <tr [attr.data-instance]="id">
                <td>
                  <strong>{{ id }}</strong>
                </td>
                <td colspan="4" class="muted">did not answer</td>
              </tr>
            } @empty {
              @if (o.instances.length === 0) {
                <tr>
                  <td colspan="5" class="muted">No payment instance is running.</td>
                </tr>
              }
            }
          </tbody>
        </table>
      </div>
    } @else {
      <p class="muted">Waiting for the payment instances ({{ stream.state() }})…</p>
    }
    <p class="muted small">
      Take the provider down, then check out: the first failures open each instance's breaker, which then
      fails checkout at once without calling the provider, and half-opens after its cool-down.
    </p>
  `,
  styles: `
    .segmented {
      margin-bottom: 0.75rem;
    }
    .breaker {
      font-weight: 600;
      white-space: nowrap;
    }
    /* Text shades of the ok and warn colours that keep a 4.5:1 contrast on white. */
    .breaker[data-breaker='closed'] {
      color: #15803d;
    }
    .breaker[data-breaker='half-open'] {
      color: #b45309;
    }
    .breaker[data-breaker='open'] {
      color: var(--danger);
    }
  `,
})
export class PaymentOutagePanel {
  protected readonly stream = inject(PaymentProviderStream);

  /** The switch as the cluster configuration has it. */
  readonly outage = input.required<PaymentOutage>();
  readonly command = output<ConfigCommand>();

  protected readonly outages = PAYMENT_OUTAGES;
  protected readonly label = OUTAGE_LABEL;

  constructor() {
    inject(DestroyRef).onDestroy(this.stream.connect());
  }

  protected switchTo(mode: PaymentOutage): void {
    if (mode !== this.outage()) this.command.emit({ action: 'set-payment-outage', paymentOutage: mode });
  }
}
