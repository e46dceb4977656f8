import type { Money } from '../inventory/inventory.types';

/**
 * The pricing rules of an order, as one pure function of its subtotal, its shopper and its destination:
 *
 * 1. a VIP shopper's discount: a percentage of the subtotal, rounded to the nearest minor unit;
 * 2. shipping: standard is free from a threshold (compared with the discounted subtotal), otherwise a flat
 *    rate; express is a flat rate whatever the amount;
 * 3. tax: the destination country's rate (a small table, a default rate for every other country) on the
 *    discounted goods, rounded to the nearest minor unit; shipping is not taxed.
 *
 * total = subtotal − discount + shipping + tax. The orders service charges this total and stores this breakdown
 * with the order; the storefront shows it line by line and never computes what is charged.
 */

/** How an order travels: standard (free from the threshold) or express (always the express rate). */
export const ShippingMethod = { Standard: 'standard', Express: 'express' } as const;
export type ShippingMethod = (typeof ShippingMethod)[keyof typeof ShippingMethod];
export const SHIPPING_METHODS: readonly ShippingMethod[] = Object.values(ShippingMethod);

/** A tax rate in basis points (1 % = 100 bp), so rates like 7.25 % stay whole numbers. */
export type BasisPoints = number;

/** The configured rules (the orders service reads them from its environment). */
export interface PricingRules {
  /** Currency of the shipping amounts (the catalogue's). */
  currency: string;
  /** The VIP discount, in percent of the subtotal (0 to 100). */
  vipDiscountPercent: number;
  /** Tax rate per destination country (ISO 3166-1 alpha-2, upper case). */
  taxRates: Readonly<Record<string, BasisPoints>>;
  /** Tax rate of a country the table does not name. */
  defaultTaxRate: BasisPoints;
  /** Standard shipping is free when the discounted subtotal reaches this amount (minor units). */
  freeShippingFromMinor: number;
  /** Standard shipping below the threshold (minor units). */
  standardShippingMinor: number;
  /** Express shipping, whatever the amount (minor units). */
  expressShippingMinor: number;
}

/** Who buys and where the order goes. */
export interface PricingInput {
  vip: boolean;
  /** ISO 3166-1 alpha-2 code, upper case. */
  country: string;
  shippingMethod: ShippingMethod;
}

/** The breakdown an order is charged with, each amount in the currency of its subtotal. */
export interface PriceBreakdown {
  /** Sum of the line totals. */
  subtotal: Money;
  /** The VIP discount (0 for other shoppers); subtracted. */
  discount: Money;
  /** The VIP discount rate applied, in percent (0 for other shoppers). */
  discountPercent: number;
  shipping: Money;
  shippingMethod: ShippingMethod;
  /** True when standard shipping was free because the order reached the threshold. */
  freeShipping: boolean;
  tax: Money;
  /** The tax rate applied, in basis points. */
  taxRate: BasisPoints;
  /** The destination country the tax rate is for. */
  country: string;
  /** subtotal − discount + shipping + tax: what the payment authorizes. */
  total: Money;
}

/** The public part of the rules a storefront shows (the VIP discount, the shipping threshold and rates). */
export interface PricingSummaryDto {
  currency: string;
  vipDiscountPercent: number;
  freeShippingFrom: Money;
  standardShipping: Money;
  expressShipping: Money;
  defaultTaxRate: BasisPoints;
  taxRates: Record<string, BasisPoints>;
}

/** `amountMinor × basisPoints / 10 000`, rounded half up to a whole minor unit. */
export function applyRate(amountMinor: number, basisPoints: BasisPoints): number {
  return Math.round((amountMinor * basisPoints) / 10_000);
}

/** The VIP discount on `subtotalMinor` (0 for a shopper who is not VIP). */
export function vipDiscountMinor(
  subtotalMinor: number,
  vip: boolean,
  rules: Pick<PricingRules, 'vipDiscountPercent'>,
): number {
  return vip ? applyRate(subtotalMinor, rules.vipDiscountPercent * 100) : 0;
}

/** The tax rate of a destination country. */
export function taxRateFor(
  country: string,
  rules: Pick<PricingRules, 'taxRates' | 'defaultTaxRate'>,
): BasisPoints {
  return Object.prototype.hasOwnProperty.call(rules.taxRates, country)
    ? rules.taxRates[country]
    : rules.defaultTaxRate;
}

/** The breakdown of an order whose lines add up to `subtotal`. */
export function priceOrder(subtotal: Money, input: PricingInput, rules: PricingRules): PriceBreakdown {
  const { currency } = subtotal;
  const money = (amountMinor: number): Money => ({ amountMinor, currency });
  const discount = vipDiscountMinor(subtotal.amountMinor, input.vip, rules);
  const goods = subtotal.amountMinor - discount;
  const express = input.shippingMethod === ShippingMethod.Express;
  const freeShipping = !express && goods >= rules.freeShippingFromMinor;
  const shipping =
    goods === 0 || freeShipping ? 0 : express ? rules.expressShippingMinor : rules.standardShippingMinor;
  const taxRate = taxRateFor(input.country, rules);
  const tax = applyRate(goods, taxRate);
  return {
    subtotal: money(subtotal.amountMinor),
    discount: money(discount),
    discountPercent: input.vip ? rules.vipDiscountPercent : 0,
    shipping: money(shipping),
    shippingMethod: input.shippingMethod,
    freeShipping,
    tax: money(tax),
    taxRate,
    country: input.country,
    total: money(goods + shipping + tax),
  };
}

/** The public summary of the rules. */
export function pricingSummary(rules: PricingRules): PricingSummaryDto {
  const money = (amountMinor: number): Money => ({ amountMinor, currency: rules.currency });
  return {
    currency: rules.currency,
    vipDiscountPercent: rules.vipDiscountPercent,
    freeShippingFrom: money(rules.freeShippingFromMinor),
    standardShipping: money(rules.standardShippingMinor),
    expressShipping: money(rules.expressShippingMinor),
    defaultTaxRate: rules.defaultTaxRate,
    taxRates: { ...rules.taxRates },
  };
}

/** Region codes that name no single country (CLDR knows them, a parcel cannot go there). */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO', 'UK']);
let regions: Intl.DisplayNames | undefined;

/** True for an ISO 3166-1 alpha-2 country code in upper case (`DE`, `US`). */
export function isCountryCode(value: unknown): value is string {
  if (typeof value !== 'string' || !/^[A-Z]{2}$/.test(value) || NOT_COUNTRIES.has(value)) return false;
  regions ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  return regions.of(value) !== undefined;
}

/** What is wrong with a destination country, or undefined when it is a country code. */
export function countryProblem(value: unknown, field = 'destinationCountry'): string | undefined {
  return isCountryCode(value)
    ? undefined
    : `${field} must be an ISO 3166-1 alpha-2 country code in capitals, such as US or DE (got ${shown(value)})`;
}

/** What is wrong with a shipping choice, or undefined when it is one of SHIPPING_METHODS. */
export function shippingMethodProblem(value: unknown, field = 'shippingMethod'): string | undefined {
  return SHIPPING_METHODS.includes(value as ShippingMethod)
    ? undefined
    : `${field} must be one of ${SHIPPING_METHODS.join(', ')} (got ${shown(value)})`;
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
