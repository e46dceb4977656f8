import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { AuthApi, SessionStore } from '@shop/web';
import { ADMIN_USER, tokensFor } from './test-tokens';

// The shared AuthApi (@shop/web): the refresh token is an httpOnly cookie the browser sends by itself.
describe('AuthApi', () => {
  let backend: HttpTestingController;
  let auth: AuthApi;
  let session: SessionStore;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthApi);
    session = TestBed.inject(SessionStore);
  });

  afterEach(() => backend.verify());

  it('asks for the refresh token as a cookie when signing in, and keeps none itself', () => {
    auth.login('admin@shop.local', 'Admin123!').subscribe();
    const login = backend.expectOne('/api/auth/login');
    expect(login.request.body).toEqual({
      email: 'admin@shop.local',
      password: 'Admin123!',
      refreshTokenIn: 'cookie',
    });
    login.flush(tokensFor(ADMIN_USER));
    expect(session.sessionId()).toBe('s1');
    expect(JSON.stringify(localStorage)).not.toMatch(/refresh-/);
  });

  it('renews an expired access token before an event stream uses it, and passes a valid one on', () => {
    session.signIn(tokensFor(ADMIN_USER, -60));
    let token: string | undefined;
    auth.freshAccessToken().subscribe((t) => (token = t));
    const refresh = backend.expectOne('/api/auth/refresh');
    expect(refresh.request.body).toEqual({ sessionId: 's1' });
    const fresh = tokensFor(ADMIN_USER, 900);
    refresh.flush(fresh);
    expect(token).toBe(fresh.accessToken);

    auth.freshAccessToken().subscribe((t) => (token = t));
    backend.expectNone('/api/auth/refresh');
    expect(token).toBe(fresh.accessToken);
  });

  it('signs out on the server naming the session (its cookie ends it even with an expired token)', () => {
    session.signIn(tokensFor(ADMIN_USER, -60));
    auth.logout();
    expect(backend.expectOne('/api/auth/logout').request.body).toEqual({ sessionId: 's1' });
    expect(session.isSignedIn()).toBe(false);
  });
});
