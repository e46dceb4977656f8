export const UserRole = { Customer: 'customer', Admin: 'admin' } as const;
export type UserRole = (typeof UserRole)[keyof typeof UserRole];

export const UserTier = { Normal: 'normal', Vip: 'vip' } as const;
export type UserTier = (typeof UserTier)[keyof typeof UserTier];

/** Claims of the short-lived access token (JWT, HS256) issued by the auth service, verified at the gateway. */
export interface AccessTokenClaims {
  /** User id. */
  sub: string;
  email: string;
  role: UserRole;
  tier: UserTier;
  /** Server-side session id: a revoked session invalidates its access tokens everywhere. */
  sid: string;
  iat?: number;
  exp?: number;
}
