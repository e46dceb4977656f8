import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { HttpClient, HttpInterceptorFn, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Router, provideRouter } from '@angular/router';
import { SessionStore, authInterceptorFor } from '@shop/web';
import { authInterceptor } from './auth.interceptor';
import { ADMIN_USER, tokensFor } from './test-tokens';

let http: HttpClient;
let backend: HttpTestingController;
let session: SessionStore;

function setUp(interceptor: HttpInterceptorFn): void {
  localStorage.clear();
  TestBed.configureTestingModule({
    providers: [
      provideZonelessChangeDetection(),
      provideRouter([]),
      provideHttpClient(withInterceptors([interceptor])),
      provideHttpClientTesting(),
    ],
  });
  http = TestBed.inject(HttpClient);
  backend = TestBed.inject(HttpTestingController);
  session = TestBed.inject(SessionStore);
}

afterEach(() => backend.verify());

// The console's configuration of the shared interceptor (@shop/web).
describe('authInterceptor', () => {
  beforeEach(() => setUp(authInterceptor));

  it('sends the access token to /api routes only, never to login', () => {
    const tokens = tokensFor(ADMIN_USER);
    session.signIn(tokens);
    http.get('/api/services/config').subscribe();
    http.post('/api/auth/login', {}).subscribe();
    http.get('/assets/x.json').subscribe();
    expect(backend.expectOne('/api/services/config').request.headers.get('Authorization')).toBe(
      `Bearer ${tokens.accessToken}`,
    );
    expect(backend.expectOne('/api/auth/login').request.headers.has('Authorization')).toBe(false);
    expect(backend.expectOne('/assets/x.json').request.headers.has('Authorization')).toBe(false);
  });

  it('refreshes once on a 401 and retries with the new token', () => {
    session.signIn(tokensFor(ADMIN_USER));
    const fresh = { ...tokensFor(ADMIN_USER), accessToken: tokensFor(ADMIN_USER).accessToken + 'x' };
    let answer: unknown;
    http.get('/api/services/config').subscribe((body) => (answer = body));
    backend
      .expectOne('/api/services/config')
      .flush({ code: 'UNAUTHORIZED', message: 'expired' }, { status: 401, statusText: 'Unauthorized' });
    const refresh = backend.expectOne('/api/auth/refresh');
    // The refresh token is the session's httpOnly cookie: the request only names the session.
    expect(refresh.request.body).toEqual({ sessionId: 's1' });
    refresh.flush(fresh);
    const retry = backend.expectOne('/api/services/config');
    expect(retry.request.headers.get('Authorization')).toBe(`Bearer ${fresh.accessToken}`);
    retry.flush({ revision: 3 });
    expect(answer).toEqual({ revision: 3 });
  });

  it('drops the session and goes to the login page when the refresh fails', () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    session.signIn(tokensFor(ADMIN_USER));
    let failed = 0;
    http.get('/api/services/config').subscribe({ error: () => failed++ });
    backend.expectOne('/api/services/config').flush({}, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/auth/refresh').flush({}, { status: 401, statusText: 'Unauthorized' });
    expect(failed).toBe(1);
    expect(session.isSignedIn()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/login']);
  });

  it('leaves a request that brings its own token alone (test orders placed as a demo shopper)', () => {
    session.signIn(tokensFor(ADMIN_USER));
    http
      .get('/api/orders', { headers: { Authorization: 'Bearer shopper-token' } })
      .subscribe({ error: () => undefined });
    const req = backend.expectOne('/api/orders');
    expect(req.request.headers.get('Authorization')).toBe('Bearer shopper-token');
    req.flush({}, { status: 401, statusText: 'Unauthorized' });
    backend.expectNone('/api/auth/refresh');
    expect(session.isSignedIn()).toBe(true);
  });
});

// The storefront's configuration: no sign-in page to go to, and no request brings its own token.
describe('authInterceptorFor() without options', () => {
  beforeEach(() => setUp(authInterceptorFor()));

  it('drops the session without navigating when the refresh fails, so the app goes on as a guest', () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate');
    const tokens = tokensFor(ADMIN_USER);
    session.signIn(tokens);
    let status: number | undefined;
    http.get('/api/orders').subscribe({ error: (err: { status: number }) => (status = err.status) });
    const first = backend.expectOne('/api/orders');
    expect(first.request.headers.get('Authorization')).toBe(`Bearer ${tokens.accessToken}`);
    first.flush({}, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/auth/refresh').flush({}, { status: 401, statusText: 'Unauthorized' });
    expect(status).toBe(401);
    expect(session.isSignedIn()).toBe(false);
    expect(navigate).not.toHaveBeenCalled();
  });
});
