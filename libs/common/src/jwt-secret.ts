import { KeyObject, createSecretKey } from 'node:crypto';

const DEV_SECRET = 'dev-only-secret-change-me-in-production-0123456789';
/** Secrets that were ever written in this repository: public, so never accepted in production. */
const PUBLISHED_SECRETS = new Set([DEV_SECRET, 'compose-only-secret-change-me-0123456789abcdef']);
const MIN_PRODUCTION_LENGTH = 32;

/**
 * The HS256 secret shared by the auth service (signs) and the gateway (verifies), from JWT_SECRET. Outside
 * production a development secret stands in. In production (NODE_ENV=production) a process refuses to start
 * without JWT_SECRET, with a secret published in this repository, or with one shorter than 32 characters:
 * anyone who knows the secret can sign tokens for any user and role.
 */
export function jwtSecret(env: { JWT_SECRET?: string; NODE_ENV?: string }): string {
  const secret = env.JWT_SECRET;
  const production = env.NODE_ENV === 'production';
  if (!secret) {
    if (production) throw new Error('JWT_SECRET must be set in production (e.g. openssl rand -base64 48)');
    return DEV_SECRET;
  }
  if (production && PUBLISHED_SECRETS.has(secret))
    throw new Error('JWT_SECRET is a development default published with the code: set a secret of your own');
  if (production && secret.length < MIN_PRODUCTION_LENGTH)
    throw new Error(`JWT_SECRET must have at least ${MIN_PRODUCTION_LENGTH} characters in production`);
  return secret;
}

/**
 * The same secret as a KeyObject, for verifying tokens on every request. jsonwebtoken takes a KeyObject as
 * documented; given a string it first tries to parse it as a public key on every call and only then builds
 * the secret key.
 */
export function jwtSecretKey(env: { JWT_SECRET?: string; NODE_ENV?: string }): KeyObject {
  return createSecretKey(Buffer.from(jwtSecret(env)));
}
