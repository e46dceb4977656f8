import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { Observable, catchError, finalize, shareReplay, switchMap, throwError } from 'rxjs';
import type { AuthResponse } from '@shop/contracts';
import { AuthApi } from './auth-api';
import { SessionStore } from './session-store';

/** What differs between the apps' auth interceptors. */
export interface AuthInterceptorOptions {
  /** Leave a request that already carries an Authorization header as it is: no session token, no refresh. */
  keepOwnAuthorization?: boolean;
  /** Where to send the user once the session is dropped; without it the app goes on signed out. */
  signInPath?: string;
}

/** Requests that must never carry a token or trigger a refresh themselves. */
const AUTH_ROUTES = ['/api/auth/login', '/api/auth/register', '/api/auth/refresh'];

function isApi(url: string): boolean {
  return url.startsWith('/api/');
}

function withBearer(req: HttpRequest<unknown>, token: string | undefined): HttpRequest<unknown> {
  return token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;
}

/** One refresh at a time, shared by every request that got a 401 meanwhile. */
let refreshing: Observable<AuthResponse> | undefined;

/**
 * An interceptor that sends the access token with every `/api/` request. On a 401 it refreshes the session
 * once (one refresh shared by all requests waiting for it; the refresh token is the session's httpOnly
 * cookie) and retries; when there is no session or the refresh fails, the session is dropped (and the user
 * sent to `signInPath`, when given) and the 401 passes on.
 */
export function authInterceptorFor(options: AuthInterceptorOptions = {}): HttpInterceptorFn {
  return (req, next) => {
    if (!isApi(req.url) || AUTH_ROUTES.includes(req.url)) return next(req);
    if (options.keepOwnAuthorization && req.headers.has('Authorization')) return next(req);
    const session = inject(SessionStore);
    const auth = inject(AuthApi);
    const router = options.signInPath === undefined ? undefined : inject(Router);
    const dropSession = (error: unknown) => {
      session.signOut();
      if (router) void router.navigate([options.signInPath]);
      return throwError(() => error);
    };

    return next(withBearer(req, session.accessToken())).pipe(
      catchError((error: unknown) => {
        if (!(error instanceof HttpErrorResponse) || error.status !== 401 || req.url === '/api/auth/logout')
          return throwError(() => error);
        if (!session.isSignedIn()) return dropSession(error);
        refreshing ??= auth.refresh().pipe(
          finalize(() => (refreshing = undefined)),
          shareReplay(1),
        );
        return refreshing.pipe(
          catchError(() => dropSession(error)),
          switchMap((tokens) => next(withBearer(req, tokens.accessToken))),
        );
      }),
    );
  };
}
