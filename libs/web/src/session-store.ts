import { Injectable, InjectionToken, computed, inject, signal } from '@angular/core';
import type { AccessTokenClaims, AuthResponse, UserDto } from '@shop/contracts';

/**
 * What is kept in localStorage between visits: the short-lived access token, the session id and the user.
 * The refresh token is not here: the gateway keeps it in an httpOnly cookie that no script can read (the
 * apps sign in with `refreshTokenIn: "cookie"`), and a refresh names the session whose cookie to use.
 * The access token stays in localStorage on purpose: a reload and every tab share it without a refresh
 * (refresh tokens are single use, so tabs refreshing at once would end the session as a reuse), and a
 * script that could read it could as well call the API while the page is open; it expires within minutes,
 * while the refresh token it cannot steal lasts the whole session.
 */
export interface StoredSession {
  accessToken: string;
  sessionId: string;
  user: UserDto;
}

/**
 * The localStorage key of the session. Each app keeps its own (the admin console provides
 * `shop.admin.session` in its app config) so signing in to one does not sign in to the other.
 */
export const SESSION_STORAGE_KEY = new InjectionToken<string>('SESSION_STORAGE_KEY', {
  providedIn: 'root',
  factory: () => 'shop.session',
});

/** Reads the claims of a JWT without verifying it (the gateway verifies; the UI only needs role and expiry). */
export function decodeClaims(token: string): AccessTokenClaims | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(json) as AccessTokenClaims;
  } catch {
    return undefined;
  }
}

function readStored(key: string): StoredSession | undefined {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as Partial<StoredSession> & { refreshToken?: unknown };
    if (typeof parsed.accessToken !== 'string' || !parsed.user) return undefined;
    // A session stored before refresh tokens moved to a cookie: its id is the token's `sid`, and the old
    // refresh token is dropped from storage.
    const sessionId = parsed.sessionId ?? decodeClaims(parsed.accessToken)?.sid;
    if (typeof sessionId !== 'string') return undefined;
    const session: StoredSession = { accessToken: parsed.accessToken, sessionId, user: parsed.user };
    if (parsed.refreshToken !== undefined) localStorage.setItem(key, JSON.stringify(session));
    return session;
  } catch {
    return undefined;
  }
}

/** The signed-in user, as signals; persisted in localStorage so a reload keeps the session. */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly key = inject(SESSION_STORAGE_KEY);
  private readonly session = signal<StoredSession | undefined>(readStored(this.key));

  readonly user = computed(() => this.session()?.user);
  readonly accessToken = computed(() => this.session()?.accessToken);
  readonly sessionId = computed(() => this.session()?.sessionId);
  readonly claims = computed(() => {
    const token = this.accessToken();
    return token ? decodeClaims(token) : undefined;
  });
  readonly isSignedIn = computed(() => this.session() !== undefined);
  readonly isVip = computed(() => this.user()?.tier === 'vip');
  readonly isAdmin = computed(() => this.user()?.role === 'admin');

  /** Stores what login or refresh answered (a refresh token in it, if any, is not kept). */
  signIn(tokens: Pick<AuthResponse, 'accessToken' | 'sessionId' | 'user'>): void {
    const next: StoredSession = {
      accessToken: tokens.accessToken,
      sessionId: tokens.sessionId,
      user: tokens.user,
    };
    this.session.set(next);
    localStorage.setItem(this.key, JSON.stringify(next));
  }

  signOut(): void {
    this.session.set(undefined);
    localStorage.removeItem(this.key);
  }

  /** True when the access token is missing or expires within `skewSeconds`. */
  isAccessTokenExpired(nowMs = Date.now(), skewSeconds = 5): boolean {
    const exp = this.claims()?.exp;
    if (exp === undefined) return this.accessToken() === undefined;
    return exp * 1000 <= nowMs + skewSeconds * 1000;
  }
}
