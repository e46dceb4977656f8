const DEV_SECRET = 'dev-only-secret-change-me-in-production-0123456789';

/** The HS256 secret shared by the auth service (signs) and the gateway (verifies), from JWT_SECRET. */
export function jwtSecret(): string {
  const secret = process.env.JWT_SECRET;
  if (secret) return secret;
  if (process.env.NODE_ENV === 'production') throw new Error('JWT_SECRET must be set in production');
  return DEV_SECRET;
}
