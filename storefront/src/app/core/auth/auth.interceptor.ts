import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Observable, catchError, finalize, shareReplay, switchMap, throwError } from 'rxjs';
import type { AuthTokens } from '@shop/contracts';
import { AuthApi } from './auth-api';
import { SessionStore } from '@shop/web';

/** Requests that must never carry a token or trigger a refresh themselves. */
const AUTH_ROUTES = ['/api/auth/login', '/api/auth/register', '/api/auth/refresh'];

function isApi(url: string): boolean {
  return url.startsWith('/api/');
}

function withBearer(req: HttpRequest<unknown>, token: string | undefined): HttpRequest<unknown> {
  return token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;
}

/** One refresh at a time, shared by every request that got a 401 meanwhile. */
let refreshing: Observable<AuthTokens> | undefined;

/**
 * Sends the access token with every `/api/` request. On a 401 it refreshes the session once and retries;
 * when that fails the session is dropped and the shopper continues as a guest (pages that need an account send them to sign in).
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  if (!isApi(req.url) || AUTH_ROUTES.includes(req.url)) return next(req);
  const session = inject(SessionStore);
  const auth = inject(AuthApi);

  return next(withBearer(req, session.accessToken())).pipe(
    catchError((error: unknown) => {
      const refreshToken = session.refreshToken();
      if (!(error instanceof HttpErrorResponse) || error.status !== 401 || req.url === '/api/auth/logout')
        return throwError(() => error);
      if (!refreshToken) {
        session.signOut();
        return throwError(() => error);
      }
      refreshing ??= auth.refresh(refreshToken).pipe(
        finalize(() => (refreshing = undefined)),
        shareReplay(1),
      );
      return refreshing.pipe(
        catchError(() => {
          session.signOut();
          return throwError(() => error);
        }),
        switchMap((tokens) => next(withBearer(req, tokens.accessToken))),
      );
    }),
  );
};
