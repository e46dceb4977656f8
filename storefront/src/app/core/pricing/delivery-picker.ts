import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { SHIPPING_METHODS, type ShippingMethod } from '@shop/contracts';
import { formatMoney } from '../format/money';
import { DESTINATIONS, DeliveryChoice, countryName } from './delivery-choice';
import { ShopPricing } from './shop-pricing';

/** The destination country and the shipping method of the order, shared by the cart and the checkout. */
@Component({
  selector: 'sf-delivery-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="delivery">
      <label>
        Deliver to
        <select
          [id]="idPrefix() + '-country'"
          data-testid="country"
          [value]="choice.country()"
          (change)="choice.country.set($any($event.target).value)"
        >
          @for (code of countries(); track code) {
            <option [value]="code" [selected]="code === choice.country()">{{ name(code) }}</option>
          }
        </select>
      </label>
      <fieldset>
        <legend>Shipping</legend>
        @for (method of methods; track method) {
          <label class="method">
            <input
              type="radio"
              [name]="idPrefix() + '-shipping'"
              [value]="method"
              [attr.data-testid]="'shipping-' + method"
              [checked]="choice.shippingMethod() === method"
              (change)="choice.shippingMethod.set(method)"
            />
            {{ label(method) }}
          </label>
        }
      </fieldset>
    </div>
  `,
  styles: `
    .delivery {
      display: grid;
      gap: 0.6rem;
    }
    label {
      display: grid;
      gap: 0.2rem;
      min-width: 0;
    }
    select {
      width: 100%;
    }
    fieldset {
      border: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.3rem;
    }
    legend {
      padding: 0;
      margin-bottom: 0.2rem;
    }
    .method {
      display: flex;
      gap: 0.4rem;
      align-items: baseline;
    }
  `,
})
export class DeliveryPicker {
  /** Keeps the ids and the radio group of two pickers on one page apart. */
  readonly idPrefix = input('delivery');
  protected readonly choice = inject(DeliveryChoice);
  private readonly pricing = inject(ShopPricing);
  protected readonly methods: readonly ShippingMethod[] = SHIPPING_METHODS;
  protected readonly name = countryName;

  /** The offered destinations, those of the tax table included, and the chosen one, by name. */
  protected readonly countries = computed(() => {
    const codes = new Set([...DESTINATIONS, ...Object.keys(this.pricing.summary()?.taxRates ?? {})]);
    codes.add(this.choice.country());
    return [...codes].sort((a, b) => countryName(a).localeCompare(countryName(b)));
  });

  protected label(method: ShippingMethod): string {
    const s = this.pricing.summary();
    if (method === 'express') return s ? `Express · ${formatMoney(s.expressShipping)}` : 'Express';
    return s
      ? `Standard · ${formatMoney(s.standardShipping)}, free from ${formatMoney(s.freeShippingFrom)}`
      : 'Standard';
  }
}
