import { ConfigError, loadConfig } from '@shop/common';
import { ordersEnv, pricingRules } from './orders.env';

describe('ordersEnv pricing', () => {
  it('reads the default rules', () => {
    const rules = pricingRules(loadConfig(ordersEnv, {}));
    expect(rules).toMatchObject({
      currency: 'EUR',
      vipDiscountPercent: 10,
      defaultTaxRate: 1500,
      freeShippingFromMinor: 5000,
      standardShippingMinor: 499,
      expressShippingMinor: 1499,
    });
    expect(rules.taxRates).toMatchObject({ US: 0, DE: 1900, GB: 2000 });
  });

  it('reads a tax table with decimal rates', () => {
    const env = loadConfig(ordersEnv, {
      PRICING_TAX_RATES: 'US:7.25, DE:19',
      PRICING_DEFAULT_TAX_PERCENT: '12.5',
      PRICING_VIP_DISCOUNT_PERCENT: '25',
    });
    expect(pricingRules(env)).toMatchObject({
      taxRates: { US: 725, DE: 1900 },
      defaultTaxRate: 1250,
      vipDiscountPercent: 25,
    });
  });

  it.each([
    ['PRICING_TAX_RATES', 'DE=19'],
    ['PRICING_TAX_RATES', 'XX:10'],
    ['PRICING_TAX_RATES', 'DE:101'],
    ['PRICING_TAX_RATES', 'DE:19.123'],
    ['PRICING_DEFAULT_TAX_PERCENT', '-1'],
    ['PRICING_VIP_DISCOUNT_PERCENT', '150'],
    ['PRICING_DEFAULT_COUNTRY', 'usa'],
    ['PRICING_CURRENCY', 'euro'],
  ])('refuses %s=%s by name', (variable, value) => {
    let error: unknown;
    try {
      loadConfig(ordersEnv, { [variable]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable.split('.')[0])).toEqual([variable]);
  });
});
