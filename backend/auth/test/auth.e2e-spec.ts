import { randomBytes } from 'node:crypto';
import {
  AuthResponse,
  AuthRpc,
  AuthTokens,
  DEMO_ACCOUNTS,
  SessionValidation,
  Subjects,
  UserPage,
} from '@shop/contracts';
import { LogRecord, RequestContext, createContext } from '@shop/common';
import { decodeJson } from '@shop/messaging';
import { StartedGateway, TestCluster, waitFor } from '@shop/testing';
import { AuthHttp } from './auth-http';

// Per-project testTimeout in jest.config.js is not applied by jest; set it for this file.
jest.setTimeout(120_000);

const AUTH_SCRIPT = 'backend/auth/src/main.js';
const ACCOUNT_FAILURES = 3;
const ADDRESS_FAILURES = 6;

/**
 * The auth service end to end: two auth instances and a gateway as real processes, on real NATS (own subject
 * prefix) and a fresh PostgreSQL database.
 */
describe('auth service (2 instances + gateway, real NATS and PostgreSQL)', () => {
  let cluster: TestCluster;
  let gateway: StartedGateway;
  let http: AuthHttp;
  const tag = randomBytes(3).toString('hex');
  const authIds = [`auth-a-${tag}`, `auth-b-${tag}`];

  const email = (name: string) => `${name}-${tag}@example.com`;
  const asUser = (tokens: AuthTokens): RequestContext =>
    createContext({
      caller: { userId: tokens.user.id, email: tokens.user.email, role: tokens.user.role, service: 'test' },
    });
  const validateOn = (instanceId: string, sessionId: string): Promise<SessionValidation> =>
    cluster.observer.client.call(AuthRpc.validateSession, { sessionId }, createContext(), { instanceId });

  beforeAll(async () => {
    cluster = await TestCluster.start({
      database: true,
      env: {
        LOG_LEVEL: 'warn',
        // Production uses cost 10; a low cost keeps 20 concurrent registrations cheap on a shared CI machine.
        BCRYPT_COST: '6',
        LOGIN_MAX_FAILURES_PER_ACCOUNT: String(ACCOUNT_FAILURES),
        LOGIN_MAX_FAILURES_PER_ADDRESS: String(ADDRESS_FAILURES),
        LOGIN_LOCKOUT_SECONDS: '120',
        // Long enough that a passing revocation test proves the broadcast, not an expiring cache entry.
        SESSION_CACHE_MS: '60000',
        SESSION_CHECK_CACHE_MS: '60000',
      },
    });
    try {
      // Both auth instances start at once on an empty database: migrations and demo accounts must not clash.
      const instances = authIds.map((instanceId) =>
        cluster.spawnInstance({ service: 'auth', script: AUTH_SCRIPT, instanceId }),
      );
      await Promise.all(instances.map((i) => cluster.waitUntilReady(i, 60_000)));
      gateway = await cluster.startGateway({ LOG_LEVEL: 'warn' });
      http = new AuthHttp(gateway.baseUrl);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${cluster.diagnostics()}`);
    }
  });

  afterAll(async () => {
    await cluster?.teardown();
  });

  it('creates the demo accounts once although two instances started together', async () => {
    const admin = await http.login('admin@shop.local', 'Admin123!');
    expect(admin.user).toMatchObject({ role: 'admin' });
    const res = await http.get('/api/users?q=@shop.local&pageSize=10', admin.accessToken);
    expect(res.status).toBe(200);
    const page = res.body as UserPage;
    expect(page.total).toBe(DEMO_ACCOUNTS.length);
    for (const demo of DEMO_ACCOUNTS) {
      expect(page.items).toContainEqual(
        expect.objectContaining({ email: demo.email, role: demo.role, tier: demo.tier }),
      );
      await expect(http.login(demo.email, demo.password)).resolves.toMatchObject({
        user: { email: demo.email, tier: demo.tier },
      });
    }
  });

  it('registers, signs in, answers /me, refreshes with rotation and logs out', async () => {
    const registered = await http.register(email('flow'), 'Secret123');
    expect(registered).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { role: 'customer' } });
    expect(registered.user.email).toBe(email('flow'));

    const me = await http.get('/api/auth/me', registered.accessToken);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: registered.user.id, email: email('flow'), tier: 'normal' });

    const login = await http.login(email('flow').toUpperCase(), 'Secret123');
    expect(login.user.id).toBe(registered.user.id);
    expect(login.sessionId).not.toBe(registered.sessionId);

    const refreshed = await http.post('/api/auth/refresh', { refreshToken: login.refreshToken });
    expect(refreshed.status).toBe(200);
    const next = refreshed.body as AuthTokens;
    expect(next.sessionId).toBe(login.sessionId);
    expect(next.refreshToken).not.toBe(login.refreshToken);
    expect((await http.get('/api/auth/me', next.accessToken)).status).toBe(200);

    const session = await http.get('/api/auth/session', next.accessToken);
    expect(session.body).toMatchObject({
      kind: 'user',
      sessionId: login.sessionId,
      user: { id: login.user.id },
    });
    expect((await http.get('/api/auth/session')).body).toEqual({ kind: 'guest' });

    const logout = await http.post('/api/auth/logout', {}, { token: next.accessToken });
    expect(logout.status).toBe(200);
    expect(logout.body).toEqual({ revoked: true });
    const after = await http.get('/api/auth/me', next.accessToken);
    expect(after.status).toBe(401);
    expect(after.body.message).toContain('session revoked');
    expect((await http.post('/api/auth/refresh', { refreshToken: next.refreshToken })).status).toBe(401);
    // The first session was untouched by the second one's logout.
    expect((await http.get('/api/auth/me', registered.accessToken)).status).toBe(200);
  });

  it('ends the session when a rotated-away refresh token is presented again', async () => {
    const tokens = await http.register(email('reuse'));
    const first = await http.post('/api/auth/refresh', { refreshToken: tokens.refreshToken });
    expect(first.status).toBe(200);
    const replay = await http.post('/api/auth/refresh', { refreshToken: tokens.refreshToken });
    expect(replay.status).toBe(401);
    expect(replay.body.message).toContain('already used');
    const rotated = first.body as AuthTokens;
    expect((await http.get('/api/auth/me', rotated.accessToken)).status).toBe(401);
    expect((await http.post('/api/auth/refresh', { refreshToken: rotated.refreshToken })).status).toBe(401);
  });

  it("keeps a browser session's refresh token in an httpOnly cookie that no page script can read", async () => {
    const address = http.nextAddress();
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${gateway.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...headers },
        body: JSON.stringify(body),
      });
    const cookieOf = (res: Response) => {
      const cookies = res.headers.getSetCookie();
      expect(cookies).toHaveLength(1);
      return cookies[0];
    };
    await http.register(email('browser'), 'Secret123');
    const credentials = { email: email('browser'), password: 'Secret123', refreshTokenIn: 'cookie' };

    const login = await post('/api/auth/login', credentials);
    expect(login.status).toBe(200);
    const signedIn = (await login.json()) as AuthResponse;
    expect(signedIn.refreshToken).toBeUndefined();
    const cookie = cookieOf(login);
    expect(cookie).toMatch(new RegExp(`^shop_refresh_${signedIn.sessionId}=[\\w-]{40,};`));
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\/api\/auth(;|$)/);
    expect(cookie).toMatch(/; Expires=/);
    expect(cookie).not.toMatch(/; Secure/);
    // Behind an HTTPS proxy (X-Forwarded-Proto, trusted from loopback) the cookie is Secure.
    const overHttps = await post('/api/auth/login', credentials, { 'x-forwarded-proto': 'https' });
    expect(cookieOf(overHttps)).toMatch(/; Secure/);

    // A refresh names the session; the browser sends the cookie; the next token replaces it.
    const pair = cookie.split(';')[0];
    const refreshed = await post('/api/auth/refresh', { sessionId: signedIn.sessionId }, { cookie: pair });
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as AuthResponse;
    expect(next.refreshToken).toBeUndefined();
    expect(next.sessionId).toBe(signedIn.sessionId);
    const nextPair = cookieOf(refreshed).split(';')[0];
    expect(nextPair).not.toBe(pair);
    expect((await http.get('/api/auth/me', next.accessToken)).status).toBe(200);

    const noCookie = await post('/api/auth/refresh', { sessionId: signedIn.sessionId });
    expect(noCookie.status).toBe(401);
    expect(((await noCookie.json()) as { message: string }).message).toMatch(/No refresh cookie for session/);
    const both = await post('/api/auth/refresh', { sessionId: signedIn.sessionId, refreshToken: 'x' });
    expect(both.status).toBe(400);

    // The cookie of another session does not count for this one.
    const other = await post('/api/auth/login', credentials);
    const otherSession = (await other.json()) as AuthResponse;
    const otherPair = cookieOf(other).split(';')[0];
    const crossed = await post('/api/auth/refresh', { sessionId: signedIn.sessionId }, { cookie: otherPair });
    expect(crossed.status).toBe(401);

    // The rotated-away cookie again: reuse ends the session, and the answer clears the cookie.
    const replay = await post('/api/auth/refresh', { sessionId: signedIn.sessionId }, { cookie: pair });
    expect(replay.status).toBe(401);
    expect(cookieOf(replay)).toMatch(
      new RegExp(`^shop_refresh_${signedIn.sessionId}=;.*Expires=Thu, 01 Jan 1970`),
    );
    // The revocation reaches the gateway by broadcast (it had this session's check cached).
    await waitFor(
      async () => (await http.get('/api/auth/me', next.accessToken)).status === 401 || undefined,
      'the reused session to be refused at the gateway',
    );

    // Sign-out without a valid access token (expired, or none): the session's cookie proves the holder.
    const logout = await post(
      '/api/auth/logout',
      { sessionId: otherSession.sessionId },
      { cookie: otherPair, authorization: 'Bearer not.a.valid.token' },
    );
    expect(logout.status).toBe(200);
    expect(await logout.json()).toEqual({ revoked: true });
    expect(cookieOf(logout)).toMatch(/=;.*Expires=Thu, 01 Jan 1970/);
    await waitFor(
      async () => (await http.get('/api/auth/me', otherSession.accessToken)).status === 401 || undefined,
      'the signed-out session to be refused at the gateway',
    );
    // Neither a valid token nor the cookie: refused.
    const anonymous = await post('/api/auth/logout', { sessionId: otherSession.sessionId });
    expect(anonymous.status).toBe(401);
  });

  it('creates exactly one account from 20 concurrent registrations of one email', async () => {
    const base = email('race');
    const variants = Array.from({ length: 20 }, (_, i) => (i % 2 ? base : base.toUpperCase()));
    const results = await Promise.all(
      variants.map((e) => http.post('/api/auth/register', { email: e, password: 'Secret123' })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const conflict = results.find((r) => r.status === 409)!;
    expect(conflict.body).toMatchObject({
      code: 'CONFLICT',
      message: 'An account with this email already exists',
    });

    const admin = await http.login('admin@shop.local', 'Admin123!');
    const page = await http.get(`/api/users?q=${encodeURIComponent(base)}`, admin.accessToken);
    expect(page.body.total).toBe(1);
  });

  it('refuses a revoked session on every auth instance and at the gateway', async () => {
    const tokens = await http.register(email('revoke'));
    // Prime every cache: each auth instance and the gateway hold the session as valid.
    for (const id of authIds)
      await expect(validateOn(id, tokens.sessionId)).resolves.toMatchObject({ valid: true });
    expect((await http.get('/api/auth/me', tokens.accessToken)).status).toBe(200);

    // Revoke through instance A only; B and the gateway learn it from the broadcast.
    const revoked = await cluster.observer.client.call(
      AuthRpc.logout,
      { sessionId: tokens.sessionId },
      asUser(tokens),
      { instanceId: authIds[0] },
    );
    expect(revoked).toEqual({ revoked: true });

    for (const id of authIds)
      await expect(validateOn(id, tokens.sessionId)).resolves.toEqual({
        valid: false,
        sessionId: tokens.sessionId,
        reason: 'revoked',
      });
    const me = await http.get('/api/auth/me', tokens.accessToken);
    expect(me.status).toBe(401);
    expect(me.body).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await http.get('/api/auth/session', tokens.accessToken)).body).toEqual({ kind: 'guest' });
  });

  it('throttles failed logins per account with 429 and Retry-After, without revealing the account', async () => {
    const victim = email('throttle');
    await http.register(victim, 'Secret123');
    const unknown = email('nobody');
    for (let i = 0; i < ACCOUNT_FAILURES - 1; i++) {
      for (const who of [victim, unknown]) {
        const res = await http.post('/api/auth/login', { email: who, password: 'Wrong1234' });
        expect(res.status).toBe(401);
        expect(res.body.message).toBe('Invalid email or password');
      }
    }
    for (const who of [victim, unknown]) {
      const limited = await http.post('/api/auth/login', { email: who, password: 'Wrong1234' });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body).toMatchObject({ code: 'RATE_LIMITED' });
    }
    // Locked even with the right password, and from another address, on whichever instance answers.
    const right = await http.post('/api/auth/login', { email: victim, password: 'Secret123' });
    expect(right.status).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('checks no more passwords than the limit in a burst of concurrent guesses', async () => {
    // Every password check of a failed login is logged ("Failed sign-in for …") to the central log stream.
    const records: LogRecord[] = [];
    const sub = cluster.observer.nc.subscribe(Subjects.logs(cluster.prefix, 'auth'), {
      callback: (err, msg) => {
        if (!err) records.push(...decodeJson<LogRecord[]>(msg.data));
      },
    });
    try {
      const victim = email('burst');
      await http.register(victim, 'Secret123');
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          http.post('/api/auth/login', { email: victim, password: `Guess${i}xx` }),
        ),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(ACCOUNT_FAILURES - 1);
      expect(statuses.filter((s) => s === 429)).toHaveLength(10 - (ACCOUNT_FAILURES - 1));

      // A sign-in on each instance after the burst: once both are logged, every burst record has arrived.
      const marker = email('marker');
      await http.register(marker, 'Secret123');
      for (const instanceId of authIds)
        await cluster.observer.client.call(
          AuthRpc.login,
          { email: marker, password: 'Secret123', clientIp: '192.0.2.1' },
          createContext(),
          { instanceId },
        );
      await waitFor(
        () => records.filter((r) => r.message === `Signed in ${marker}`).length === authIds.length,
        'the marker sign-ins in the log stream',
      );
      // Attempts are counted before the check under a row lock, so the burst got exactly `limit` checks.
      expect(records.filter((r) => r.message === `Failed sign-in for ${victim}`)).toHaveLength(
        ACCOUNT_FAILURES,
      );
    } finally {
      sub.unsubscribe();
    }
  });

  it('throttles failed logins per client address', async () => {
    const address = http.nextAddress();
    for (let i = 0; i < ADDRESS_FAILURES - 1; i++) {
      const res = await http.post(
        '/api/auth/login',
        { email: email(`spray${i}`), password: 'Wrong1234' },
        { address },
      );
      expect(res.status).toBe(401);
    }
    const limited = await http.post(
      '/api/auth/login',
      { email: email('spray-last'), password: 'x' },
      { address },
    );
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const blocked = await http.post(
      '/api/auth/login',
      { email: 'shopper@shop.local', password: 'Shopper123!' },
      { address },
    );
    expect(blocked.status).toBe(429);
    // Another address is not affected.
    const other = await http.post('/api/auth/login', {
      email: 'shopper@shop.local',
      password: 'Shopper123!',
    });
    expect(other.status).toBe(200);
  });

  it('answers bad input with 400 naming every problem', async () => {
    const weak = await http.post('/api/auth/register', { email: 'not-an-email', password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('BAD_REQUEST');
    expect(weak.body.message).toContain('email must be a valid email address');
    expect(weak.body.message).toContain(
      'password must contain at least 8 characters, an uppercase letter, a digit',
    );

    const extra = await http.post('/api/auth/register', {
      email: email('x'),
      password: 'Secret123',
      role: 'admin',
    });
    expect(extra.status).toBe(400);
    expect(extra.body.message).toContain('property role should not exist');

    const missing = await http.post('/api/auth/login', { email: email('x') });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('password');

    const noToken = await http.post('/api/auth/refresh', {});
    expect(noToken.status).toBe(400);
    expect(noToken.body.message).toContain('refreshToken');

    const admin = await http.login('admin@shop.local', 'Admin123!');
    const badTier = await http.patch(`/api/users/${admin.user.id}/tier`, { tier: 'gold' }, admin.accessToken);
    expect(badTier.status).toBe(400);
    expect(badTier.body.message).toContain('tier must be one of: normal, vip');
    const badId = await http.patch('/api/users/not-a-uuid/tier', { tier: 'vip' }, admin.accessToken);
    expect(badId.status).toBe(400);
    expect(badId.body.message).toBe('id must be a UUID');
    const badPage = await http.get('/api/users?pageSize=1000', admin.accessToken);
    expect(badPage.status).toBe(400);
    expect(badPage.body.message).toContain('pageSize must not be greater than 100');
  });

  it('lets only admins list users and change tiers; a tier change shows in the session at once', async () => {
    const customer = await http.register(email('customer'));
    expect((await http.get('/api/users', customer.accessToken)).status).toBe(403);
    const forbidden = await http.patch(
      `/api/users/${customer.user.id}/tier`,
      { tier: 'vip' },
      customer.accessToken,
    );
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
    expect((await http.get('/api/users')).status).toBe(401);
    // Also refused by the service itself, not only at the gateway.
    await expect(cluster.observer.client.call(AuthRpc.listUsers, {}, asUser(customer))).rejects.toMatchObject(
      { code: 'FORBIDDEN' },
    );

    const admin = await http.login('admin@shop.local', 'Admin123!');
    const page = await http.get('/api/users?page=1&pageSize=2', admin.accessToken);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ page: 1, pageSize: 2 });
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThan(2);

    expect((await http.get('/api/auth/session', customer.accessToken)).body.user.tier).toBe('normal');
    const changed = await http.patch(
      `/api/users/${customer.user.id}/tier`,
      { tier: 'vip' },
      admin.accessToken,
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: customer.user.id, tier: 'vip' });
    expect((await http.get('/api/auth/me', customer.accessToken)).body.tier).toBe('vip');
    expect((await http.get('/api/auth/session', customer.accessToken)).body.user.tier).toBe('vip');

    const missing = await http.patch(
      '/api/users/00000000-0000-4000-8000-000000000000/tier',
      { tier: 'vip' },
      admin.accessToken,
    );
    expect(missing.status).toBe(404);
  });

  it('opens sessions for test shoppers for admins only; the shoppers act with them and still cannot sign in', async () => {
    const customer = await http.register(email('not-admin'));
    await expect(
      cluster.observer.client.call(AuthRpc.testShopperSessions, { tier: 'vip', count: 2 }, asUser(customer)),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const admin = await http.login('admin@shop.local', 'Admin123!');
    await expect(
      cluster.observer.client.call(AuthRpc.testShopperSessions, { tier: 'vip', count: 11 }, asUser(admin)),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    const sessions = await cluster.observer.client.call(
      AuthRpc.testShopperSessions,
      { tier: 'vip', count: 2 },
      asUser(admin),
    );
    expect(sessions).toHaveLength(2);
    expect(new Set(sessions.map((s) => s.sessionId)).size).toBe(2);
    for (const s of sessions) {
      expect(s.user).toMatchObject({ tier: 'vip', test: true, role: 'customer' });
      const me = await http.get('/api/auth/me', s.accessToken);
      expect(me.status).toBe(200);
      expect(me.body.id).toBe(s.user.id);
      const login = await http.post('/api/auth/login', {
        email: s.user.email,
        password: 'Anything-Passw0rd!',
      });
      expect(login.status).toBe(401);
    }
    // The same shoppers again (the oldest of the tier), each with a new session.
    const again = await cluster.observer.client.call(
      AuthRpc.testShopperSessions,
      { tier: 'vip', count: 2 },
      asUser(admin),
    );
    expect(again.map((s) => s.user.id)).toEqual(sessions.map((s) => s.user.id));
    expect(again.map((s) => s.sessionId)).not.toEqual(sessions.map((s) => s.sessionId));
  });

  it('documents every auth and user route in Swagger with its error responses', async () => {
    const doc = (await http.get('/api/docs-json')).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const expected: [string, string, string[]][] = [
      ['/api/auth/register', 'post', ['201', '400', '409', '503']],
      ['/api/auth/login', 'post', ['200', '400', '401', '429', '503']],
      ['/api/auth/refresh', 'post', ['200', '400', '401', '503']],
      ['/api/auth/logout', 'post', ['200', '400', '401', '503']],
      ['/api/auth/me', 'get', ['200', '401', '404', '503']],
      ['/api/auth/session', 'get', ['200', '503']],
      ['/api/users', 'get', ['200', '400', '401', '403', '503']],
      ['/api/users/{id}/tier', 'patch', ['200', '400', '401', '403', '404', '503']],
    ];
    for (const [path, method, statuses] of expected) {
      const op = doc.paths[path]?.[method];
      expect({ path, method, responses: Object.keys(op?.responses ?? {}).sort() }).toEqual({
        path,
        method,
        responses: [...statuses].sort(),
      });
    }
    // How a browser and an API client each get and use the refresh token is in the document.
    const schemas = (doc as unknown as { components: { schemas: Record<string, { properties: object }> } })
      .components.schemas;
    expect(Object.keys(schemas.LoginDto.properties)).toContain('refreshTokenIn');
    expect(Object.keys(schemas.RefreshDto.properties).sort()).toEqual(['refreshToken', 'sessionId']);
    expect(JSON.stringify(doc.paths['/api/auth/login'].post.responses['200'])).toContain('Set-Cookie');
  });
});
