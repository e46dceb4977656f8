import type { UserRole, UserTier } from './auth-claims';
import type { Page } from '../inventory/inventory.types';

/** A user as other services and the apps see it (never the password hash). */
export interface UserDto {
  id: string;
  email: string;
  role: UserRole;
  tier: UserTier;
  /** A generated test shopper (no password; orders are placed for it by the admin API). */
  test?: boolean;
  createdAt: string;
}

/** Where a request came from; the gateway fills it in, and login throttling keys on it. */
export interface ClientInfo {
  /** The client's IP address as the gateway saw it. */
  clientIp?: string;
  userAgent?: string;
}

export interface RegisterRequest extends ClientInfo {
  email: string;
  password: string;
}

export interface LoginRequest extends ClientInfo {
  email: string;
  password: string;
}

/** What register, login and refresh answer: a short-lived access token and a rotating refresh token. */
export interface AuthTokens {
  tokenType: 'Bearer';
  /** JWT (HS256) with `AccessTokenClaims`. */
  accessToken: string;
  /** Lifetime of the access token in seconds. */
  expiresIn: number;
  /** Opaque; valid once (every refresh returns a new one). */
  refreshToken: string;
  /** When the server-side session ends unless refreshed (ISO 8601). */
  refreshExpiresAt: string;
  sessionId: string;
  user: UserDto;
}

/**
 * What register, login and refresh answer over HTTP. API clients get the refresh token in the body; the
 * apps ask for it as an httpOnly cookie (`refreshTokenIn: "cookie"`), and then the body has none, so no
 * script on the page can read it.
 */
export type AuthResponse = Omit<AuthTokens, 'refreshToken'> & { refreshToken?: string };

/** Where register, login and refresh put the new refresh token: the JSON body, or an httpOnly cookie. */
export type RefreshTokenTransport = 'body' | 'cookie';

export interface RefreshRequest extends ClientInfo {
  refreshToken: string;
}

/**
 * Ends a session: the caller's own (`sessionId` from the access token's `sid`), or, with `refreshToken`,
 * the session that token belongs to (a sign-out whose access token has expired).
 */
export interface LogoutRequest {
  sessionId: string;
  refreshToken?: string;
}

export interface ValidateSessionRequest {
  sessionId: string;
}

/** The current state of a server-side session, with the user's current role and tier. */
export type SessionValidation =
  | {
      valid: true;
      sessionId: string;
      user: UserDto;
      /** When the session ends unless refreshed (ISO 8601). */
      expiresAt: string;
    }
  | { valid: false; sessionId: string; reason: 'revoked' | 'expired' | 'unknown' };

export interface ListUsersRequest {
  page?: number;
  pageSize?: number;
  /** Case-insensitive substring of the email. */
  q?: string;
  role?: UserRole;
  tier?: UserTier;
}

export type UserPage = Page<UserDto>;

export interface SetTierRequest {
  userId: string;
  tier: UserTier;
}

/** What `GET /api/auth/session` answers: the signed-in user's session, or a guest session. */
export type SessionView =
  { kind: 'user'; sessionId: string; expiresAt: string; user: UserDto } | { kind: 'guest' };

/** Generated test shoppers of a tier: the first `count` of them, created when missing (admins only). */
export interface TestShoppersRequest {
  tier: UserTier;
  count: number;
}
