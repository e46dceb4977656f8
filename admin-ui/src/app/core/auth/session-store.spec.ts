import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { SessionStore, decodeClaims } from '@shop/web';
import { ADMIN_SESSION_KEY, provideAdminSessionKey } from './admin-session-key';
import { ADMIN_USER, fakeJwt, tokensFor } from './test-tokens';

// Exercises the shared SessionStore (@shop/web) as the console configures it, with its own storage key.
describe('SessionStore', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideAdminSessionKey()],
    });
  });

  it('decodes the claims of a token and rejects garbage', () => {
    expect(decodeClaims(fakeJwt({ sub: 'u1', role: 'admin' }))).toMatchObject({ sub: 'u1', role: 'admin' });
    expect(decodeClaims('not-a-token')).toBeUndefined();
    expect(decodeClaims('a.!!!.c')).toBeUndefined();
  });

  it('signs in, persists the session, and signs out', () => {
    const store = TestBed.inject(SessionStore);
    expect(store.isSignedIn()).toBe(false);
    store.signIn(tokensFor(ADMIN_USER));
    expect(store.isSignedIn()).toBe(true);
    expect(store.isAdmin()).toBe(true);
    expect(store.claims()?.email).toBe('admin@shop.local');
    expect(JSON.parse(localStorage.getItem(ADMIN_SESSION_KEY)!).user.email).toBe('admin@shop.local');
    store.signOut();
    expect(store.isSignedIn()).toBe(false);
    expect(localStorage.getItem(ADMIN_SESSION_KEY)).toBeNull();
  });

  it('restores a stored session on start and ignores a corrupt one', () => {
    localStorage.setItem(ADMIN_SESSION_KEY, JSON.stringify(tokensFor(ADMIN_USER)));
    expect(TestBed.inject(SessionStore).user()?.id).toBe('u-admin');
    TestBed.resetTestingModule();
    localStorage.setItem(ADMIN_SESSION_KEY, '{not json');
    expect(TestBed.inject(SessionStore).isSignedIn()).toBe(false);
  });

  it('never keeps a refresh token in storage, and drops one a session stored before', () => {
    const store = TestBed.inject(SessionStore);
    store.signIn({ ...tokensFor(ADMIN_USER), refreshToken: 'from-an-api-client' } as never);
    expect(localStorage.getItem(ADMIN_SESSION_KEY)).not.toContain('from-an-api-client');
    expect(store.sessionId()).toBe('s1');

    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideAdminSessionKey()],
    });
    const { sessionId: _old, ...tokens } = tokensFor(ADMIN_USER);
    localStorage.setItem(ADMIN_SESSION_KEY, JSON.stringify({ ...tokens, refreshToken: 'old-refresh-token' }));
    const restored = TestBed.inject(SessionStore);
    // The session id comes from the token's `sid`; the old refresh token is gone from storage.
    expect(restored.sessionId()).toBe('s1');
    expect(restored.user()?.id).toBe('u-admin');
    expect(localStorage.getItem(ADMIN_SESSION_KEY)).not.toContain('old-refresh-token');
  });

  it('knows when the access token expires', () => {
    const store = TestBed.inject(SessionStore);
    store.signIn(tokensFor(ADMIN_USER, 60));
    expect(store.isAccessTokenExpired()).toBe(false);
    expect(store.isAccessTokenExpired(Date.now() + 61_000)).toBe(true);
  });
});
