import { z } from 'zod';
import { PricingRules, isCountryCode } from '@shop/contracts';
import { envVar, instanceEnv } from '@shop/common';

const TAX_RATE_RULE =
  'must be COUNTRY:PERCENT, such as DE:19 or US:7.25 (a country code in capitals, 0 to 100)';

/** A tax rate in percent with at most two decimals (0 to 100), as basis points. */
const percentAsBasisPoints = (message: string) =>
  z
    .string()
    .regex(/^(100|\d{1,2})(\.\d{1,2})?$/, { error: message })
    .transform((p) => Math.round(Number(p) * 100))
    .refine((bp) => bp <= 10_000, { error: message });

const taxRate = z
  .string()
  .regex(/^[A-Z]{2}:[\d.]+$/, { error: TAX_RATE_RULE })
  .refine((item) => isCountryCode(item.slice(0, 2)), { error: TAX_RATE_RULE })
  .refine((item) => percentAsBasisPoints(TAX_RATE_RULE).safeParse(item.slice(3)).success, {
    error: TAX_RATE_RULE,
  });

const LEASE_RULE = 'must be a whole number of milliseconds from 100 to 86400000';

/** The variables an orders instance reads: every instance's, and the checkout saga's and the fulfilment queue's. */
export const ordersEnv = instanceEnv.extend({
  SAGA_LEASE_MS: envVar.ms(
    10_000,
    'How long a checkout saga stays owned by its instance without a heartbeat before another instance takes it over',
    { min: 100 },
  ),
  SAGA_SWEEP_MS: envVar.ms(2000, 'How often an instance looks for sagas whose lease expired', { min: 10 }),
  SAGA_CONCURRENCY: envVar.int(
    16,
    'Checkout sagas one instance runs at once; more wait for a free slot until shortly before their deadline',
    { min: 1, max: 10_000 },
  ),
  ORDER_FULFILMENT_MS: envVar.ms(1500, 'How long fulfilling one order takes (PROCESSING to COMPLETED)'),
  QUEUE_VIP_WORKERS: envVar.int(8, 'Fulfilment slots per instance that take VIP orders only', {
    max: 10_000,
  }),
  QUEUE_SHARED_WORKERS: envVar.int(
    8,
    'Fulfilment slots per instance that serve both queues by the cluster priority weights',
    { max: 10_000 },
  ),
  QUEUE_POLL_MS: envVar.ms(500, 'How often idle fulfilment workers look at the queues without a wake-up', {
    min: 10,
  }),
  QUEUE_LEASE_MS: z.coerce
    .number({ error: LEASE_RULE })
    .int({ error: LEASE_RULE })
    .min(100, { error: LEASE_RULE })
    .max(86_400_000, { error: LEASE_RULE })
    .optional()
    .meta({
      description:
        'How long a worker holds an order it fulfils before another worker may take it over (default: 3 x ORDER_FULFILMENT_MS, at least 10 s)',
    }),
  PRICING_VIP_DISCOUNT_PERCENT: envVar.int(10, 'The discount of VIP shoppers, in percent of the subtotal', {
    max: 100,
  }),
  PRICING_TAX_RATES: envVar.list(
    'Tax rate by destination country: COUNTRY:PERCENT items separated by commas (other countries pay PRICING_DEFAULT_TAX_PERCENT)',
    taxRate,
    'US:0,CA:5,GB:20,DE:19,FR:20,NL:21,JP:10',
  ),
  PRICING_DEFAULT_TAX_PERCENT: percentAsBasisPoints(
    'must be a percentage from 0 to 100, at most two decimals',
  )
    .prefault('15')
    .meta({ description: 'Tax rate of a destination country PRICING_TAX_RATES does not name, in percent' }),
  PRICING_DEFAULT_COUNTRY: z
    .string()
    .refine(isCountryCode, { error: 'must be a country code in capitals, such as US' })
    .default('US')
    .meta({
      description: 'Destination country of an order that names none (no country, no shipping address)',
    }),
  PRICING_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 currency code in capitals, such as EUR' })
    .default('EUR')
    .meta({ description: 'Currency of the shipping amounts below (the catalogue prices in it)' }),
  PRICING_FREE_SHIPPING_FROM_MINOR: envVar.int(
    5000,
    'Standard shipping is free from this discounted subtotal, in minor units (cents)',
  ),
  PRICING_STANDARD_SHIPPING_MINOR: envVar.int(
    499,
    'Standard shipping below the free-shipping threshold, in minor units',
  ),
  PRICING_EXPRESS_SHIPPING_MINOR: envVar.int(1499, 'Express shipping, whatever the amount, in minor units'),
});

export type OrdersEnv = z.output<typeof ordersEnv>;

/** The fulfilment lease: QUEUE_LEASE_MS, or three fulfilments and at least 10 s. */
export function queueLeaseMs(env: Pick<OrdersEnv, 'QUEUE_LEASE_MS' | 'ORDER_FULFILMENT_MS'>): number {
  return env.QUEUE_LEASE_MS ?? Math.max(10_000, env.ORDER_FULFILMENT_MS * 3);
}

/** The pricing rules of the environment (see priceOrder in @shop/contracts). */
export function pricingRules(
  env: Omit<Pick<OrdersEnv, `PRICING_${string}` & keyof OrdersEnv>, 'PRICING_DEFAULT_COUNTRY'>,
): PricingRules {
  return {
    currency: env.PRICING_CURRENCY,
    vipDiscountPercent: env.PRICING_VIP_DISCOUNT_PERCENT,
    taxRates: Object.fromEntries(
      env.PRICING_TAX_RATES.map((item) => [item.slice(0, 2), Math.round(Number(item.slice(3)) * 100)]),
    ),
    defaultTaxRate: env.PRICING_DEFAULT_TAX_PERCENT,
    freeShippingFromMinor: env.PRICING_FREE_SHIPPING_FROM_MINOR,
    standardShippingMinor: env.PRICING_STANDARD_SHIPPING_MINOR,
    expressShippingMinor: env.PRICING_EXPRESS_SHIPPING_MINOR,
  };
}
