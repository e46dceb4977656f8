import { z } from 'zod';
import { envVar, instanceEnv } from '@shop/common';

/** What a cart instance reads besides `instanceEnv`. */
export const cartEnv = instanceEnv.extend({
  CART_INVENTORY_TIMEOUT_MS: envVar.ms(
    3000,
    "How long the cart view waits for inventory's live availability before it shows the last known, marked stale",
    { min: 1, max: 600_000 },
  ),
  CART_RESERVATION_TTL_MS: envVar.ms(
    15 * 60_000,
    'How long a cart line holds its stock after the last change',
    {
      min: 100,
      max: 7 * 24 * 3600_000,
    },
  ),
  CART_BATCH_MAX: envVar.int(
    64,
    'Most cart line changes that share one cart transaction and one inventory call (1: every change on its own)',
    { min: 1, max: 256 },
  ),
  CART_BATCH_CONCURRENCY: envVar.int(1, 'Most batches of cart line changes in flight at once per instance', {
    min: 1,
    max: 64,
  }),
  CART_RECONCILE_MS: envVar.ms(
    5000,
    'How often an instance settles the holds of cart changes that never finished (0: only its own, at start)',
    { max: 600_000 },
  ),
  CART_PENDING_HOLD_GRACE_MS: envVar.ms(
    10_000,
    'How old an unfinished cart change must be before any instance settles its hold',
    { min: 0, max: 600_000 },
  ),
});

export type CartEnv = z.output<typeof cartEnv>;
