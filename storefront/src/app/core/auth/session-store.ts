import { Injectable, computed, signal } from '@angular/core';
import type { AccessTokenClaims, AuthTokens, UserDto } from '@shop/contracts';

/** What is kept in localStorage between visits. */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  user: UserDto;
}

export const SESSION_KEY = 'shop.session';

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

function readStored(): StoredSession | undefined {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof parsed.accessToken !== 'string' || typeof parsed.refreshToken !== 'string' || !parsed.user)
      return undefined;
    return parsed as StoredSession;
  } catch {
    return undefined;
  }
}

/** The signed-in shopper, as signals; persisted in localStorage so a reload keeps the session. */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly session = signal<StoredSession | undefined>(readStored());

  readonly user = computed(() => this.session()?.user);
  readonly accessToken = computed(() => this.session()?.accessToken);
  readonly refreshToken = computed(() => this.session()?.refreshToken);
  readonly claims = computed(() => {
    const token = this.accessToken();
    return token ? decodeClaims(token) : undefined;
  });
  readonly isSignedIn = computed(() => this.session() !== undefined);
  readonly isVip = computed(() => this.user()?.tier === 'vip');

  /** Stores what login or refresh answered. */
  signIn(tokens: Pick<AuthTokens, 'accessToken' | 'refreshToken' | 'user'>): void {
    const next: StoredSession = {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      user: tokens.user,
    };
    this.session.set(next);
    localStorage.setItem(SESSION_KEY, JSON.stringify(next));
  }

  signOut(): void {
    this.session.set(undefined);
    localStorage.removeItem(SESSION_KEY);
  }

  /** True when the access token is missing or expires within `skewSeconds`. */
  isAccessTokenExpired(nowMs = Date.now(), skewSeconds = 5): boolean {
    const exp = this.claims()?.exp;
    if (exp === undefined) return this.accessToken() === undefined;
    return exp * 1000 <= nowMs + skewSeconds * 1000;
  }
}
