import { z } from 'zod';
import { envVar, instanceEnv } from '@shop/common';

/** What an inventory instance reads besides `instanceEnv`. */
export const inventoryEnv = instanceEnv.extend({
  CATALOG_CACHE_TTL_MS: envVar.ms(
    5 * 60_000,
    'How long a catalogue read stays in the instance cache (0: no cache)',
  ),
  CATALOG_INVALIDATION_GATHER_MS: envVar.ms(
    10,
    'How long catalogue changes gather before one invalidation is broadcast to the other instances (0: each on its own)',
    { max: 60_000 },
  ),
  INVENTORY_IGNORE_INVALIDATIONS: envVar.flag(
    false,
    "For tests: ignore other instances' invalidations, so the stale reads eventual consistency allows show",
  ),
  SEED_CATALOG: envVar.flag(
    true,
    'Load the seed catalogue at start (products that exist are left as they are)',
  ),
  RESERVATION_TTL_MS: envVar.ms(15 * 60_000, 'How long a hold lasts when its request names no time to live', {
    min: 100,
    max: 7 * 24 * 3600_000,
  }),
  RESERVATION_SWEEP_MS: envVar.ms(
    5000,
    'How often expired holds are deleted (0: never; reads ignore them anyway)',
    {
      max: 3_600_000,
    },
  ),
});

export type InventoryEnv = z.output<typeof inventoryEnv>;
