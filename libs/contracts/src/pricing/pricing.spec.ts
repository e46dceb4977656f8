import {
  PricingRules,
  applyRate,
  countryProblem,
  isCountryCode,
  priceOrder,
  shippingMethodProblem,
  taxRateFor,
} from './pricing';

const rules: PricingRules = {
  currency: 'USD',
  vipDiscountPercent: 10,
  taxRates: { US: 0, DE: 1900, GB: 2000 },
  defaultTaxRate: 1000,
  freeShippingFromMinor: 5000,
  standardShippingMinor: 499,
  expressShippingMinor: 1499,
};
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

describe('priceOrder', () => {
  it('charges a normal shopper the subtotal, standard shipping below the threshold and no US tax', () => {
    const b = priceOrder(usd(2999), { vip: false, country: 'US', shippingMethod: 'standard' }, rules);
    expect(b).toEqual({
      subtotal: usd(2999),
      discount: usd(0),
      discountPercent: 0,
      shipping: usd(499),
      shippingMethod: 'standard',
      freeShipping: false,
      tax: usd(0),
      taxRate: 0,
      country: 'US',
      total: usd(3498),
    });
  });

  it('gives a VIP shopper the discount and taxes the discounted goods at the destination rate', () => {
    const b = priceOrder(usd(3999), { vip: true, country: 'DE', shippingMethod: 'standard' }, rules);
    expect(b.discount).toEqual(usd(400)); // 399.9 rounds to 400
    expect(b.discountPercent).toBe(10);
    expect(b.tax).toEqual(usd(684)); // 19 % of 3599 = 683.81
    expect(b.total).toEqual(usd(3999 - 400 + 499 + 684));
  });

  it('ships standard free once the discounted subtotal reaches the threshold, not before', () => {
    const atThreshold = priceOrder(
      usd(5000),
      { vip: false, country: 'US', shippingMethod: 'standard' },
      rules,
    );
    expect(atThreshold).toMatchObject({ shipping: usd(0), freeShipping: true, total: usd(5000) });
    // 5500 less 10 % is 4950: under the threshold once discounted.
    const vip = priceOrder(usd(5500), { vip: true, country: 'US', shippingMethod: 'standard' }, rules);
    expect(vip).toMatchObject({ shipping: usd(499), freeShipping: false, total: usd(4950 + 499) });
  });

  it('charges express whatever the amount', () => {
    const b = priceOrder(usd(90_000), { vip: false, country: 'US', shippingMethod: 'express' }, rules);
    expect(b).toMatchObject({ shipping: usd(1499), freeShipping: false, total: usd(91_499) });
  });

  it('uses the default rate for a country the table does not name', () => {
    const b = priceOrder(usd(1000), { vip: false, country: 'FR', shippingMethod: 'standard' }, rules);
    expect(b).toMatchObject({ taxRate: 1000, tax: usd(100), country: 'FR', total: usd(1000 + 499 + 100) });
  });

  it('charges nothing for nothing', () => {
    const b = priceOrder(usd(0), { vip: true, country: 'DE', shippingMethod: 'express' }, rules);
    expect(b.total).toEqual(usd(0));
  });

  it('always adds up: total = subtotal − discount + shipping + tax', () => {
    for (const subtotal of [1, 99, 4999, 5000, 5556, 123_457]) {
      for (const vip of [false, true]) {
        for (const country of ['US', 'DE', 'JP']) {
          const b = priceOrder(usd(subtotal), { vip, country, shippingMethod: 'standard' }, rules);
          expect(b.total.amountMinor).toBe(
            b.subtotal.amountMinor - b.discount.amountMinor + b.shipping.amountMinor + b.tax.amountMinor,
          );
        }
      }
    }
  });
});

describe('rates', () => {
  it('rounds half up to a whole minor unit', () => {
    expect(applyRate(5, 1000)).toBe(1); // 0.5
    expect(applyRate(4, 1000)).toBe(0); // 0.4
    expect(applyRate(2999, 725)).toBe(217); // 217.4275
  });

  it('finds a listed country and only a listed one', () => {
    expect(taxRateFor('DE', rules)).toBe(1900);
    expect(taxRateFor('US', rules)).toBe(0);
    expect(taxRateFor('constructor', rules)).toBe(1000);
  });
});

describe('input checks', () => {
  it('accepts country codes and refuses anything else by name', () => {
    expect(['US', 'DE', 'GB', 'JP'].every(isCountryCode)).toBe(true);
    for (const bad of ['de', 'XX', 'EU', 'ZZ', 'USA', '', 7, null]) expect(isCountryCode(bad)).toBe(false);
    expect(countryProblem('XX')).toMatch(
      /^destinationCountry must be an ISO 3166-1 alpha-2 country code.*"XX"/,
    );
    expect(countryProblem('DE')).toBeUndefined();
  });

  it('accepts the two shipping methods only', () => {
    expect(shippingMethodProblem('standard')).toBeUndefined();
    expect(shippingMethodProblem('express')).toBeUndefined();
    expect(shippingMethodProblem('overnight')).toMatch(/^shippingMethod must be one of standard, express/);
  });
});
