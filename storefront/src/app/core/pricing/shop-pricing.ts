import { Injectable, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { catchError, of } from 'rxjs';
import { type Money, type PricingSummaryDto, vipDiscountMinor } from '@shop/contracts';
import { SessionStore } from '@shop/web';

import { PricingApi } from './pricing-api';

/**
 * The shop's public pricing rules (loaded once), and what they mean for the signed-in shopper: a VIP sees
 * the VIP price of a product beside its list price. The price an order is charged always comes from the
 * server (see PriceBreakdownView); the VIP price shown here uses the same discount function.
 */
@Injectable({ providedIn: 'root' })
export class ShopPricing {
  private readonly session = inject(SessionStore);
  /** The rules, or undefined while loading or when the orders service did not answer. */
  readonly summary = toSignal(
    inject(PricingApi)
      .summary()
      .pipe(catchError(() => of<PricingSummaryDto | undefined>(undefined))),
  );
  /** The VIP discount in percent when the shopper is VIP and the rules are known. */
  readonly vipPercent = computed(() =>
    this.session.isVip() ? (this.summary()?.vipDiscountPercent ?? undefined) : undefined,
  );

  /** A product's VIP price for a VIP shopper (undefined for anyone else, or without a discount). */
  vipPrice(price: Money): Money | undefined {
    const percent = this.vipPercent();
    if (!percent) return undefined;
    const discount = vipDiscountMinor(price.amountMinor, true, { vipDiscountPercent: percent });
    return { amountMinor: price.amountMinor - discount, currency: price.currency };
  }
}
