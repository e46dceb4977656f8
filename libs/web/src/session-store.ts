import { Injectable, InjectionToken, computed, inject, signal } from '@angular/core';
import type { AccessTokenClaims, AuthTokens, UserDto } from '@shop/contracts';

/** What is kept in localStorage between visits. */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
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
    const parsed = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof parsed.accessToken !== 'string' || typeof parsed.refreshToken !== 'string' || !parsed.user)
      return undefined;
    return parsed as StoredSession;
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
  readonly refreshToken = computed(() => this.session()?.refreshToken);
  readonly claims = computed(() => {
    const token = this.accessToken();
    return token ? decodeClaims(token) : undefined;
  });
  readonly isSignedIn = computed(() => this.session() !== undefined);
  readonly isVip = computed(() => this.user()?.tier === 'vip');
  readonly isAdmin = computed(() => this.user()?.role === 'admin');

  /** Stores what login or refresh answered. */
  signIn(tokens: Pick<AuthTokens, 'accessToken' | 'refreshToken' | 'user'>): void {
    const next: StoredSession = {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
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
