import { envInt, jwtSecret } from '@shop/common';

/** Settings of the auth service, read once from the environment. */
export interface AuthConfig {
  jwtSecret: string;
  /** Lifetime of an access token (JWT), seconds. */
  accessTokenTtlSeconds: number;
  /** A session ends this long after its last login or refresh, seconds. */
  sessionTtlSeconds: number;
  /** How long an instance may answer validateSession from memory, ms (a revocation broadcast clears it). */
  sessionCacheMs: number;
  bcryptCost: number;
  /** Failed logins per account within the window before it is locked. */
  loginMaxFailuresPerAccount: number;
  /** Failed logins per client address within the window before it is locked. */
  loginMaxFailuresPerAddress: number;
  loginWindowSeconds: number;
  loginLockoutSeconds: number;
}

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

export function authConfigFromEnv(): AuthConfig {
  return {
    jwtSecret: jwtSecret(),
    accessTokenTtlSeconds: envInt('ACCESS_TOKEN_TTL_SECONDS', 15 * 60),
    sessionTtlSeconds: envInt('SESSION_TTL_SECONDS', 7 * 24 * 3600),
    sessionCacheMs: envInt('SESSION_CACHE_MS', 10_000),
    bcryptCost: envInt('BCRYPT_COST', 10),
    loginMaxFailuresPerAccount: envInt('LOGIN_MAX_FAILURES_PER_ACCOUNT', 5),
    loginMaxFailuresPerAddress: envInt('LOGIN_MAX_FAILURES_PER_ADDRESS', 30),
    loginWindowSeconds: envInt('LOGIN_WINDOW_SECONDS', 15 * 60),
    loginLockoutSeconds: envInt('LOGIN_LOCKOUT_SECONDS', 60),
  };
}
