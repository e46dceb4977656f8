import type { PriceBreakdown, PriceQuoteDto, PricingSummaryDto } from '@shop/contracts';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

export function summary(overrides: Partial<PricingSummaryDto> = {}): PricingSummaryDto {
  return {
    currency: 'USD',
    vipDiscountPercent: 10,
    freeShippingFrom: usd(5000),
    standardShipping: usd(499),
    expressShipping: usd(1499),
    defaultTaxRate: 1500,
    taxRates: { US: 0, DE: 1900 },
    ...overrides,
  };
}

/** A VIP order of 30.00 sent to Germany by standard shipping. */
export function breakdown(overrides: Partial<PriceBreakdown> = {}): PriceBreakdown {
  return {
    subtotal: usd(3000),
    discount: usd(300),
    discountPercent: 10,
    shipping: usd(499),
    shippingMethod: 'standard',
    freeShipping: false,
    tax: usd(513),
    taxRate: 1900,
    country: 'DE',
    total: usd(3000 - 300 + 499 + 513),
    ...overrides,
  };
}

export function quoteOf(b: PriceBreakdown = breakdown(), vip = true): PriceQuoteDto {
  return { breakdown: b, vip, itemCount: 2 };
}
