import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { PriceBreakdown } from '@shop/contracts';
import { formatMoney } from '../format/money';
import { countryName } from './delivery-choice';

/** A tax rate in basis points as a percentage (`1900` → `19 %`, `725` → `7.25 %`). */
export function formatRate(basisPoints: number): string {
  return `${Number((basisPoints / 100).toFixed(2))} %`;
}

/**
 * A price breakdown line by line, as the server computed it: subtotal, the VIP discount (VIP shoppers),
 * shipping, tax of the destination country, total. Used by the cart, the checkout and the order.
 */
@Component({
  selector: 'sf-price-breakdown',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (breakdown(); as b) {
      <dl class="breakdown" [class.pending]="pending()" data-testid="breakdown">
        <div>
          <dt>Subtotal</dt>
          <dd data-testid="subtotal">{{ money(b.subtotal) }}</dd>
        </div>
        @if (b.discount.amountMinor > 0) {
          <div class="discount">
            <dt>VIP discount ({{ b.discountPercent }} %)</dt>
            <dd data-testid="discount">−{{ money(b.discount) }}</dd>
          </div>
        }
        <div>
          <dt>{{ shippingLabel() }}</dt>
          <dd data-testid="shipping">{{ b.shipping.amountMinor === 0 ? 'Free' : money(b.shipping) }}</dd>
        </div>
        <div>
          <dt>Tax ({{ rate(b.taxRate) }}, {{ country(b.country) }})</dt>
          <dd data-testid="tax">{{ money(b.tax) }}</dd>
        </div>
        <div class="total">
          <dt>Total</dt>
          <dd data-testid="total">{{ money(b.total) }}</dd>
        </div>
      </dl>
    }
  `,
  styles: `
    .breakdown {
      display: grid;
      gap: 0.3rem;
      margin: 0;
    }
    .breakdown div {
      display: flex;
      justify-content: space-between;
      gap: 1rem;
    }
    dt {
      min-width: 0;
    }
    dd {
      margin: 0;
      text-align: right;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .discount {
      color: var(--ok);
    }
    .total {
      border-top: 1px solid var(--line);
      padding-top: 0.4rem;
      font-size: 1.15rem;
      font-weight: 700;
    }
    .pending {
      color: var(--muted);
    }
  `,
})
export class PriceBreakdownView {
  readonly breakdown = input<PriceBreakdown | undefined>();
  /** True while a newer breakdown is on its way (the figures shown are the previous ones). */
  readonly pending = input(false);

  protected readonly money = formatMoney;
  protected readonly rate = formatRate;
  protected readonly country = countryName;
  protected readonly shippingLabel = computed(() => {
    const b = this.breakdown();
    if (!b) return 'Shipping';
    const method = b.shippingMethod === 'express' ? 'Express shipping' : 'Standard shipping';
    return b.freeShipping ? `${method} (free over the threshold)` : method;
  });
}
