import { createHash, randomBytes } from 'node:crypto';

/** A new opaque refresh token: 32 random bytes, base64url. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Refresh tokens are random and long, so a fast hash suffices (and lets the database index it). */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
