import { z } from 'zod';
import { envVar, instanceEnv } from '@shop/common';

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
});

export type OrdersEnv = z.output<typeof ordersEnv>;

/** The fulfilment lease: QUEUE_LEASE_MS, or three fulfilments and at least 10 s. */
export function queueLeaseMs(env: Pick<OrdersEnv, 'QUEUE_LEASE_MS' | 'ORDER_FULFILMENT_MS'>): number {
  return env.QUEUE_LEASE_MS ?? Math.max(10_000, env.ORDER_FULFILMENT_MS * 3);
}
