import { envVar, instanceEnv, jwtSecretEnv, jwtSecretRule } from '@shop/common';
import { z } from 'zod';

/** The auth service's variables (besides every instance's). */
export const authEnv = instanceEnv
  .extend({
    ...jwtSecretEnv,
    ACCESS_TOKEN_TTL_SECONDS: envVar.int(15 * 60, 'Lifetime of an access token (JWT), in seconds', {
      min: 1,
    }),
    SESSION_TTL_SECONDS: envVar.int(
      7 * 24 * 3600,
      'A session ends this long after its last sign-in or refresh, in seconds',
      { min: 1 },
    ),
    SESSION_CACHE_MS: envVar.ms(
      10_000,
      'How long an instance answers a session validation from memory (0: always from the database); a revocation drops it at once',
    ),
    BCRYPT_COST: envVar.int(10, 'bcrypt cost factor of new password hashes', { min: 4, max: 31 }),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: envVar.int(
      5,
      'Failed sign-ins per account within the window that lock the account',
      { min: 1 },
    ),
    LOGIN_MAX_FAILURES_PER_ADDRESS: envVar.int(
      30,
      'Failed sign-ins per client address within the window that lock the address',
      { min: 1 },
    ),
    LOGIN_WINDOW_SECONDS: envVar.int(15 * 60, 'Window in which failed sign-ins are counted, in seconds', {
      min: 1,
    }),
    LOGIN_LOCKOUT_SECONDS: envVar.int(60, 'How long a locked account or address is refused, in seconds', {
      min: 1,
    }),
    AUTH_SWEEP_INTERVAL_MS: envVar.ms(
      10 * 60_000,
      'How often an instance deletes ended sessions and stale sign-in counters',
      { min: 1000 },
    ),
    SEED_DEMO_ACCOUNTS: envVar.flag(true, 'Create the demo accounts at start when they are missing'),
  })
  .superRefine(jwtSecretRule);

export type AuthEnv = z.output<typeof authEnv>;
