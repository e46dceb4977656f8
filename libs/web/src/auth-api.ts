import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map, of, tap, throwError } from 'rxjs';
import type { AuthResponse } from '@shop/contracts';
import { SessionStore } from './session-store';

/**
 * Calls of the gateway's auth routes (both apps); successful answers update the `SessionStore`. The apps
 * ask for the refresh token as an httpOnly cookie (scoped to /api/auth, sent by the browser itself), so it
 * never passes through a script; a refresh or sign-out names the session whose cookie the gateway reads.
 */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);

  login(email: string, password: string): Observable<AuthResponse> {
    return this.http
      .post<AuthResponse>('/api/auth/login', { email, password, refreshTokenIn: 'cookie' })
      .pipe(tap((tokens) => this.session.signIn(tokens)));
  }

  register(email: string, password: string): Observable<AuthResponse> {
    return this.http
      .post<AuthResponse>('/api/auth/register', { email, password, refreshTokenIn: 'cookie' })
      .pipe(tap((tokens) => this.session.signIn(tokens)));
  }

  /** New tokens for the current session, from its refresh cookie; fails when there is no session. */
  refresh(): Observable<AuthResponse> {
    const sessionId = this.session.sessionId();
    if (!sessionId) return throwError(() => new Error('Not signed in'));
    return this.http
      .post<AuthResponse>('/api/auth/refresh', { sessionId })
      .pipe(tap((tokens) => this.session.signIn(tokens)));
  }

  /**
   * The access token to put in an event stream's URL: the current one, or a new one when it has expired
   * (EventSource cannot react to a 401 by refreshing). Undefined when signed out.
   */
  freshAccessToken(): Observable<string | undefined> {
    if (!this.session.isSignedIn()) return of(undefined);
    if (!this.session.isAccessTokenExpired()) return of(this.session.accessToken());
    return this.refresh().pipe(map((tokens) => tokens.accessToken));
  }

  /**
   * Ends the session on the server (best effort) and forgets it locally either way. The session id lets the
   * gateway end it with the refresh cookie when the access token has expired; the cookie is cleared.
   */
  logout(): void {
    const sessionId = this.session.sessionId();
    if (sessionId !== undefined) {
      this.http.post('/api/auth/logout', { sessionId }).subscribe({ error: () => undefined });
    }
    this.session.signOut();
  }
}
