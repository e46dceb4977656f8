import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, tap } from 'rxjs';
import type { AuthTokens } from '@shop/contracts';
import { SessionStore } from './session-store';

/** Calls of the gateway's auth routes (both apps); successful answers update the `SessionStore`. */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);

  login(email: string, password: string): Observable<AuthTokens> {
    return this.http
      .post<AuthTokens>('/api/auth/login', { email, password })
      .pipe(tap((tokens) => this.session.signIn(tokens)));
  }

  register(email: string, password: string): Observable<AuthTokens> {
    return this.http
      .post<AuthTokens>('/api/auth/register', { email, password })
      .pipe(tap((tokens) => this.session.signIn(tokens)));
  }

  refresh(refreshToken: string): Observable<AuthTokens> {
    return this.http
      .post<AuthTokens>('/api/auth/refresh', { refreshToken })
      .pipe(tap((tokens) => this.session.signIn(tokens)));
  }

  /** Revokes the session on the server (best effort) and forgets it locally either way. */
  logout(): void {
    if (this.session.accessToken() !== undefined) {
      this.http.post('/api/auth/logout', {}).subscribe({ error: () => undefined });
    }
    this.session.signOut();
  }
}
