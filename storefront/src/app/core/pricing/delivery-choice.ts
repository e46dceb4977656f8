import { Injectable, effect, signal } from '@angular/core';
import { SHIPPING_METHODS, type ShippingMethod, isCountryCode } from '@shop/contracts';

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

const STORAGE_KEY = 'shop.delivery';

/**
 * Where the shopper's order goes and how: chosen in the cart or at checkout, kept for the visit (session
 * storage), sent with the quote and with the order so both are priced alike.
 */
@Injectable({ providedIn: 'root' })
export class DeliveryChoice {
  readonly country = signal('US');
  readonly shippingMethod = signal<ShippingMethod>('standard');

  constructor() {
    const saved = readSaved();
    if (saved?.country && isCountryCode(saved.country)) this.country.set(saved.country);
    if (SHIPPING_METHODS.includes(saved?.shippingMethod as ShippingMethod))
      this.shippingMethod.set(saved!.shippingMethod as ShippingMethod);
    effect(() => {
      const choice = { country: this.country(), shippingMethod: this.shippingMethod() };
      try {
        sessionStorage.setItem(STORAGE_KEY, JSON.stringify(choice));
      } catch {
        // Storage full or refused: the choice still holds for this page.
      }
    });
  }
}

function readSaved(): { country?: unknown; shippingMethod?: unknown } | undefined {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    return value && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}
