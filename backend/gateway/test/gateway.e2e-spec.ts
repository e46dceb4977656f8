import { JwtService } from '@nestjs/jwt';
import {
  AccessTokenClaims,
  ApiErrorBody,
  ClusterHealth,
  ClusterHealthSummary,
  DEMO_ACCOUNTS,
  InstanceInfo,
} from '@shop/contracts';
import { DemoRole, StartedGateway, TestCluster, startGatewayStack, waitFor } from '@shop/testing';

// Per-project testTimeout in jest.config.js is not applied by jest; set it for this file.
jest.setTimeout(180_000);

const JWT_SECRET = 'e2e-gateway-secret-0123456789abcdef';

/**
 * The real gateway process (dist/backend/gateway/src/main.js) in front of two real inventory instances and a
 * real auth instance (fresh database; the gateway checks every token's session with it), on an isolated
 * prefix: health, Swagger, admin-only configuration, bad input and correlation ids, all over HTTP.
 */
describe('gateway over real NATS and real instances', () => {
  let cluster: TestCluster;
  let gateway: StartedGateway;
  let inventoryIds: string[];
  let tokens: Map<DemoRole, string>;
  /** The access token of the demo account with this role (logged in through the gateway). */
  const token = (role: DemoRole) => tokens.get(role)!;
  const jwt = new JwtService({ secret: JWT_SECRET });
  const admin = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;

  const api = (path: string, init: RequestInit & { token?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
    return fetch(`${gateway.baseUrl}${path}`, { ...init, headers });
  };
  const postConfig = (body: string, headers: Record<string, string> = {}, as = token('admin')) =>
    api('/api/services/config', {
      method: 'POST',
      token: as,
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
    });
  /** The health picture as an admin sees it (every instance in detail). */
  const health = async () =>
    (await (await api('/api/services/health', { token: token('admin') })).json()) as ClusterHealth;
  const inventoryHealth = async () => (await health()).services.find((s) => s.name === 'inventory')!;

  /** A 4xx whose JSON body follows ApiErrorBody and whose message matches `pattern`. */
  const expectError = async (res: Response, status: number, pattern: RegExp) => {
    const text = await res.text();
    // Compared as one string so a failure shows the body that came back.
    expect(`${res.status} ${text}`).toMatch(new RegExp(`^${status} `));
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = JSON.parse(text) as ApiErrorBody;
    expect(body.statusCode).toBe(status);
    expect(body.message).toMatch(pattern);
    expect(body.correlationId).toBeTruthy();
    return body;
  };

  beforeAll(async () => {
    cluster = await TestCluster.start({ database: true, env: { JWT_SECRET, LOG_LEVEL: 'warn' } });
    ({ gateway, inventoryIds, tokens } = await startGatewayStack(cluster));
  });

  afterAll(async () => {
    await cluster?.teardown();
  });

  it('lists every instance healthy in /api/services/health', async () => {
    const inventory = await waitFor(async () => {
      const s = await inventoryHealth();
      return s.healthy === 2 ? s : undefined;
    }, 'both inventory instances to be healthy at the gateway');
    expect(inventory.instances.map((i) => i.instanceId).sort()).toEqual(inventoryIds);
    for (const inst of inventory.instances) {
      expect(inst).toMatchObject({ status: 'healthy', state: 'ready', breaker: 'closed', disabled: false });
      expect(inst.pid).toBe(cluster.instance(inst.instanceId).pid);
      expect(typeof inst.latencyP99Ms).toBe('number');
    }
    const gatewayService = (await health()).services.find((s) => s.name === 'gateway')!;
    expect(gatewayService.instances.map((i) => i.instanceId)).toEqual([gateway.instance.name]);
  });

  it('shows anonymous callers and shoppers a summary of the services only, and instance detail to admins', async () => {
    for (const as of [undefined, token('customer')]) {
      const summary = (await (
        await api('/api/services/health', { token: as })
      ).json()) as ClusterHealthSummary;
      expect(summary.view).toBe('summary');
      expect(summary.services.find((s) => s.name === 'inventory')).toEqual({
        name: 'inventory',
        status: 'up',
        healthy: 2,
        total: 2,
      });
      // Nothing about instances: no ids, pids, hosts, memory, routing or breakers.
      const text = JSON.stringify(summary);
      for (const secret of ['pid', 'host', 'rssBytes', 'routed', 'breaker', 'reporter', ...inventoryIds])
        expect(text).not.toContain(secret);
    }
    expect((await health()).view).toBe('detail');
    // A token that is sent must be valid: an expired or forged one is refused, not treated as anonymous.
    await expectError(
      await api('/api/services/health', { token: 'not.a.jwt' }),
      401,
      /Authentication required/,
    );
    // Asking an instance who it is (pid, version) is for admins.
    await expectError(await api('/api/services/inventory/info'), 401, /Authentication required/);
    await expectError(
      await api('/api/services/inventory/info', { token: token('customer') }),
      403,
      /requires the admin role/,
    );
  });

  it('routes a request through NATS to an instance and back', async () => {
    const res = await api('/api/services/inventory/info', { token: token('admin') });
    expect(res.status).toBe(200);
    const info = (await res.json()) as InstanceInfo;
    expect(inventoryIds).toContain(info.instanceId);
    expect(info.service).toBe('inventory');
    // A JSON answer gets helmet's security headers, as every response does.
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('serves Swagger UI at /api/docs and the OpenAPI document at /api/docs-json', async () => {
    const ui = await api('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.headers.get('content-type')).toMatch(/text\/html/);
    expect(await ui.text()).toMatch(/swagger-ui/i);
    expect(ui.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(ui.headers.get('x-frame-options')).toBe('SAMEORIGIN');

    const doc = await api('/api/docs-json');
    expect(doc.status).toBe(200);
    const openapi = (await doc.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(openapi.openapi).toMatch(/^3\./);
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/services/health', '/api/services/config']),
    );
  });

  it('serves the shipped product images outside /api, with security headers, and nothing else', async () => {
    const image = await api('/assets/products/beau-001.svg');
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    expect(image.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(image.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await image.text()).toMatch(/<svg/);
    await expectError(await api('/assets/products/nope-999.svg'), 404, /No image "nope-999.svg"/);
    await expectError(await api('/assets/products/..%2Fpackage.json'), 404, /No image/);
  });

  it('allows only admins to read and change the configuration', async () => {
    await expectError(await api('/api/services/config'), 401, /Authentication required/);
    await expectError(
      await api('/api/services/config', { token: 'not.a.jwt' }),
      401,
      /Authentication required/,
    );
    await expectError(
      await api('/api/services/config', { token: token('customer') }),
      403,
      /requires the admin role/,
    );
    // A customer's token re-signed to claim the admin role: the role comes from the session, so still 403.
    const claims = jwt.decode<AccessTokenClaims>(token('customer'));
    const forged = jwt.sign({ ...claims, role: 'admin' }, { secret: JWT_SECRET });
    await expectError(await api('/api/services/config', { token: forged }), 403, /requires the admin role/);
    // A well-signed token whose session the auth service does not know.
    const orphan = jwt.sign(
      { ...claims, sid: '00000000-0000-0000-0000-000000000000' },
      { secret: JWT_SECRET },
    );
    await expectError(await api('/api/services/config', { token: orphan }), 401, /session/);
    await expectError(
      await postConfig(JSON.stringify({ action: 'disable', instanceId: inventoryIds[0] }), {}, ''),
      401,
      /Authentication required/,
    );
    await expectError(
      await postConfig(
        JSON.stringify({ action: 'disable', instanceId: inventoryIds[0] }),
        {},
        token('customer'),
      ),
      403,
      /requires the admin role/,
    );
    const res = await api('/api/services/config', { token: token('admin') });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      revision: expect.any(Number),
      config: { disabledInstances: [] },
    });
  });

  it('applies a POSTed change: a disabled instance shows as disabled, and healthy again when enabled', async () => {
    const target = inventoryIds[1];
    const res = await postConfig(JSON.stringify({ action: 'disable', instanceId: target }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      config: { disabledInstances: [target], updatedBy: admin.email },
    });
    const disabled = (await inventoryHealth()).instances.find((i) => i.instanceId === target)!;
    expect(disabled).toMatchObject({ status: 'disabled', disabled: true });
    // The gateway's balancer no longer sends it anything.
    for (let i = 0; i < 6; i++) {
      const info = (await (
        await api('/api/services/inventory/info', { token: token('admin') })
      ).json()) as InstanceInfo;
      expect(info.instanceId).not.toBe(target);
    }

    const history = (await (await api('/api/services/config/history', { token: token('admin') })).json()) as {
      by: string;
      summary: string;
    }[];
    expect(history[0]).toMatchObject({ by: admin.email, summary: `disabled instance ${target}` });

    expect((await postConfig(JSON.stringify({ action: 'enable', instanceId: target }))).status).toBe(200);
    const enabled = (await inventoryHealth()).instances.find((i) => i.instanceId === target)!;
    expect(enabled).toMatchObject({ status: 'healthy', disabled: false });
  });

  describe('bad input gets a 4xx JSON body that names the problem', () => {
    it('unknown fields', async () => {
      await expectError(
        await postConfig(JSON.stringify({ action: 'disable', instanceId: 'inventory-1', colour: 'red' })),
        400,
        /property colour should not exist/,
      );
    });

    it('wrong types and values', async () => {
      await expectError(
        await postConfig(
          JSON.stringify({ action: 'set-weight', instanceId: 'inventory-1', weight: 'heavy' }),
        ),
        400,
        /weight must be a number/,
      );
      await expectError(
        await postConfig(JSON.stringify({ action: 'explode' })),
        400,
        /action must be one of the following values/,
      );
      await expectError(
        await postConfig(JSON.stringify({ action: 'inject-fault', service: 'inventory', errorRate: 2 })),
        400,
        /errorRate must not be greater than 1/,
      );
      await expectError(await postConfig('[1, 2]'), 400, /body must be a JSON object, got an array/);
    });

    it('oversized bodies (413)', async () => {
      const huge = JSON.stringify({ action: 'disable', instanceId: 'x', pad: 'x'.repeat(200 * 1024) });
      await expectError(await postConfig(huge), 413, /larger than the .* limit/);
    });

    it('malformed JSON (400)', async () => {
      await expectError(await postConfig('{"action": "disable",'), 400, /Malformed JSON/);
    });

    it('wrong content type (415)', async () => {
      await expectError(
        await postConfig('action=disable', { 'Content-Type': 'text/plain' }),
        415,
        /Content-Type must be application\/json, got "text\/plain"/,
      );
    });

    it('unknown routes and services (404)', async () => {
      await expectError(await api('/api/no-such-route'), 404, /no-such-route/);
      await expectError(
        await api('/api/services/warehouse/info', { token: token('admin') }),
        404,
        /Unknown service "warehouse"/,
      );
    });
  });

  it('echoes X-Correlation-Id when given and creates one when not', async () => {
    const given = await api('/api/services/health', { headers: { 'X-Correlation-Id': 'e2e-corr-42' } });
    expect(given.headers.get('x-correlation-id')).toBe('e2e-corr-42');
    const created = await api('/api/services/health');
    expect(created.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    // Errors carry it in the body too.
    const error = await api('/api/no-such-route', { headers: { 'X-Correlation-Id': 'e2e-corr-43' } });
    expect(((await error.json()) as ApiErrorBody).correlationId).toBe('e2e-corr-43');
    // A 404 carries the id and the security headers as a 200 does.
    expect(error.headers.get('x-correlation-id')).toBe('e2e-corr-43');
    expect(error.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers CORS for the configured origins and limits API requests per client', async () => {
    const origin = 'http://shop.example';
    const edge = await cluster.startGateway({ RATE_LIMIT_PER_MINUTE: '4', CORS_ORIGINS: origin });
    const call = (path: string, init: RequestInit = {}) => fetch(`${edge.baseUrl}${path}`, init);

    // A preflight from an allowed origin is answered before any route, and is not counted.
    const preflight = await call('/api/cart/items', {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
    expect(preflight.headers.get('vary')).toMatch(/Origin/);
    const foreign = await call('/api/cart/items', {
      method: 'OPTIONS',
      headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(foreign.status).toBe(204);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

    const cross = await call('/api/services/health', { headers: { Origin: origin } });
    expect(cross.status).toBe(200);
    expect(cross.headers.get('access-control-allow-origin')).toBe(origin);
    expect(cross.headers.get('access-control-expose-headers')).toMatch(/X-Correlation-Id/);
    const sameSite = await call('/api/services/health');
    expect(sameSite.headers.get('access-control-allow-origin')).toBeNull();
    expect(sameSite.headers.get('vary')).toBe('Origin');

    // Four API requests a minute from this client: two more pass, the next is refused with when to retry.
    for (let i = 0; i < 2; i++) expect((await call('/api/services/health')).status).toBe(200);
    const refused = await call('/api/services/health', { headers: { Origin: origin } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // CORS and correlation headers still come with the refusal, so a browser script can read it.
    expect(refused.headers.get('access-control-allow-origin')).toBe(origin);
    const body = await expectError(refused, 429, /Too many requests: at most 4 a minute per client/);
    expect(body.code).toBe('RATE_LIMITED');
    // Health checks and files are not API requests: never limited.
    expect((await call('/health/live')).status).toBe(200);
    expect((await call('/assets/products/beau-001.svg')).status).toBe(200);
    await edge.instance.stop();
  });

  it('streams the health picture as server-sent events, the first within 1 s', async () => {
    const abort = new AbortController();
    const started = Date.now();
    const res = await api('/api/services/health/stream', {
      signal: abort.signal,
      headers: { 'X-Correlation-Id': 'e2e-stream-1' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    // The stream starts with the headers every answer gets.
    expect(res.headers.get('x-correlation-id')).toBe('e2e-stream-1');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // Any origin may read it (CORS_ORIGINS defaults to *).
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const events: { at: number; data: ClusterHealthSummary }[] = [];
    let buffer = '';
    try {
      while (events.length < 2) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trim())
            .join('\n');
          if (data) events.push({ at: Date.now(), data: JSON.parse(data) as ClusterHealthSummary });
        }
      }
    } finally {
      abort.abort();
    }
    expect(events).toHaveLength(2);
    expect(events[0].at - started).toBeLessThanOrEqual(1000);
    // An anonymous stream carries the summary.
    expect(events[0].data.view).toBe('summary');
    expect(events[0].data.services.find((s) => s.name === 'inventory')?.total).toBe(2);
    // The next picture follows about a second later ("at least once a second").
    expect(events[1].at - events[0].at).toBeLessThanOrEqual(1500);
  });
});
