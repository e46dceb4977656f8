import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map, of, shareReplay } from 'rxjs';
import { DEMO_ACCOUNTS, type AuthTokens, type UserTier } from '@shop/contracts';

/**
 * The demo shoppers the Order Interface places test orders as: the VIP one for the VIP queue, the normal one
 * for the normal queue (the queue follows the shopper's tier). Their sessions live in memory only, apart from
 * the admin's own session.
 */
@Injectable({ providedIn: 'root' })
export class TestShoppers {
  private readonly http = inject(HttpClient);
  private readonly sessions = new Map<UserTier, { token: string; expiresAt: number }>();
  private readonly signingIn = new Map<UserTier, Observable<string>>();

  /** The demo account used for a tier. */
  account(tier: UserTier) {
    const account = DEMO_ACCOUNTS.find((a) => a.role === 'customer' && a.tier === tier);
    if (!account) throw new Error(`No demo shopper with tier ${tier}`);
    return account;
  }

  /** An access token of the tier's demo shopper, signing in when there is none or it is about to expire. */
  token(tier: UserTier): Observable<string> {
    const current = this.sessions.get(tier);
    if (current && current.expiresAt > Date.now() + 30_000) return of(current.token);
    let pending = this.signingIn.get(tier);
    if (!pending) {
      const { email, password } = this.account(tier);
      pending = this.http.post<AuthTokens>('/api/auth/login', { email, password }).pipe(
        map((tokens) => {
          this.sessions.set(tier, {
            token: tokens.accessToken,
            expiresAt: Date.now() + tokens.expiresIn * 1000,
          });
          this.signingIn.delete(tier);
          return tokens.accessToken;
        }),
        shareReplay(1),
      );
      this.signingIn.set(tier, pending);
    }
    return pending;
  }

  /** Forgets a token the gateway refused (revoked session). */
  forget(tier: UserTier): void {
    this.sessions.delete(tier);
    this.signingIn.delete(tier);
  }
}
