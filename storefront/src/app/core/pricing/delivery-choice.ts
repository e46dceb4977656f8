import { Injectable, signal } from '@angular/core';
import type { ShippingMethod } from '@shop/contracts';

/** Destinations offered at checkout (any other country code is accepted by the server too). */
export const DESTINATIONS: readonly string[] = [
  'US',
  'CA',
  'GB',
  'DE',
  'FR',
  'NL',
  'ES',
  'IT',
  'SE',
  'JP',
  'AU',
];

const names = new Intl.DisplayNames(['en'], { type: 'region' });

/** The English name of a country code (`DE` → Germany). */
export function countryName(code: string): string {
  return names.of(code) ?? code;
}

/**
 * Where the shopper's order goes and how: chosen in the cart or at checkout, kept for the visit, sent with the
 * quote and with the order so both are priced alike.
 */
@Injectable({ providedIn: 'root' })
export class DeliveryChoice {
  readonly country = signal('US');
  readonly shippingMethod = signal<ShippingMethod>('standard');
}
