import { Signal, computed, inject, linkedSignal } from '@angular/core';
import { EMPTY, Observable, of } from 'rxjs';
import type { PriceQuoteDto } from '@shop/contracts';
import { loadOnChange } from '../api/loadable';
import { CartState } from '../cart/cart-state';
import { DeliveryChoice } from './delivery-choice';
import { PricingApi } from './pricing-api';

/** The server's price of the cart, and whether a newer one is on its way. */
export interface CartQuote {
  /** The latest quote (kept while a newer one loads); undefined for an empty cart or when none came. */
  quote: Signal<PriceQuoteDto | undefined>;
  /** True while the cart has unanswered changes or a quote is loading. */
  pending: Signal<boolean>;
  /** True when the last quote request failed. */
  failed: Signal<boolean>;
}

/**
 * The cart priced by the server for the chosen destination and shipping method, asked again whenever the
 * server's cart or the choice changes (never for an empty cart, nor while changes of the cart are unanswered:
 * the server would price the cart without them). Call it in an injection context.
 */
export function cartQuote(): CartQuote {
  const cart = inject(CartState);
  const choice = inject(DeliveryChoice);
  const api = inject(PricingApi);
  const state = loadOnChange(
    () => {
      const c = cart.cart();
      return {
        wait: cart.changing(),
        cart: c && c.items.length > 0 ? `${c.itemCount}:${c.total.amountMinor}:${c.updatedAt}` : undefined,
        destinationCountry: choice.country(),
        shippingMethod: choice.shippingMethod(),
      };
    },
    ({ wait, cart: key, destinationCountry, shippingMethod }): Observable<PriceQuoteDto | undefined> =>
      wait ? EMPTY : key === undefined ? of(undefined) : api.quote({ destinationCountry, shippingMethod }),
  );
  const quote = linkedSignal<ReturnType<typeof state>, PriceQuoteDto | undefined>({
    source: state,
    computation: (s, previous) =>
      s.status === 'ok' ? s.value : s.status === 'loading' ? previous?.value : undefined,
  });
  return {
    quote,
    pending: computed(() => cart.changing() || state().status === 'loading'),
    failed: computed(() => state().status === 'error'),
  };
}
