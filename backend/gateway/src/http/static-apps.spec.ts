import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { FastifyInstance } from 'fastify';
import { AppLogger } from '@shop/common';
import { gatewayServerOptions } from './gateway-adapter';
import { serveStaticApps, spaFallbackFor, webApps } from './static-apps';

const HTML = 'text/html,application/xhtml+xml,*/*;q=0.8';

describe('spaFallbackFor', () => {
  const apps = webApps('/dist');

  it('sends browser navigations to the app that owns the path', () => {
    expect(spaFallbackFor(apps, { method: 'GET', path: '/shop', accept: HTML })?.name).toBe('storefront');
    expect(spaFallbackFor(apps, { method: 'GET', path: '/admin/services', accept: HTML })?.name).toBe(
      'admin-ui',
    );
    expect(spaFallbackFor(apps, { method: 'HEAD', path: '/admin', accept: HTML })?.name).toBe('admin-ui');
    expect(spaFallbackFor(apps, { method: 'GET', path: '/administrator', accept: HTML })?.name).toBe(
      'storefront',
    );
  });

  it('never answers API, health, non-GET, non-HTML or file requests', () => {
    expect(spaFallbackFor(apps, { method: 'GET', path: '/api/nope', accept: HTML })).toBeUndefined();
    expect(spaFallbackFor(apps, { method: 'GET', path: '/api', accept: HTML })).toBeUndefined();
    expect(spaFallbackFor(apps, { method: 'GET', path: '/health/live', accept: HTML })).toBeUndefined();
    expect(spaFallbackFor(apps, { method: 'POST', path: '/shop', accept: HTML })).toBeUndefined();
    expect(
      spaFallbackFor(apps, { method: 'GET', path: '/shop', accept: 'application/json' }),
    ).toBeUndefined();
    expect(spaFallbackFor(apps, { method: 'GET', path: '/shop', accept: '*/*' })).toBeUndefined();
    expect(spaFallbackFor(apps, { method: 'GET', path: '/missing.js', accept: HTML })).toBeUndefined();
  });
});

describe('serveStaticApps', () => {
  let dist: string;
  const logger = new AppLogger('gateway', 'gateway-test', 'silent');
  const servers: FastifyInstance[] = [];

  async function appWith(distRoot: string): Promise<FastifyInstance> {
    // The gateway's own server options: the routes must not clash under them (ignoreTrailingSlash).
    const app = Fastify(gatewayServerOptions(100 * 1024));
    servers.push(app);
    // Stands in for Nest's router: what falls through gets the API's JSON 404.
    app.setNotFoundHandler((req, reply) => {
      void reply
        .code(404)
        .send({ statusCode: 404, code: 'NOT_FOUND', message: `Cannot ${req.method} ${req.url}` });
    });
    await serveStaticApps(app, logger, distRoot);
    await app.listen({ port: 0, host: '127.0.0.1' });
    return app;
  }

  async function get(app: FastifyInstance, url: string, accept = HTML) {
    const { port } = app.server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}${url}`, { headers: { accept } });
    const body = await res.text();
    return {
      statusCode: res.status,
      body,
      headers: Object.fromEntries(res.headers),
      json: () => JSON.parse(body) as unknown,
    };
  }

  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'static-apps-'));
    for (const [name, title] of [
      ['storefront', 'Storefront'],
      ['admin-ui', 'Admin'],
    ]) {
      mkdirSync(join(dist, name, 'browser'), { recursive: true });
      writeFileSync(join(dist, name, 'browser', 'index.html'), `<title>${title}</title>`);
      writeFileSync(join(dist, name, 'browser', 'main-ABCD1234.js'), `console.log('${name}')`);
    }
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves both apps, their files and their client-side routes', async () => {
    const app = await appWith(dist);
    const root = await get(app, '/');
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain('Storefront');
    expect(root.headers['cache-control']).toBe('no-cache');
    for (const [url, title] of [
      ['/shop/p/42', 'Storefront'],
      ['/admin/', 'Admin'],
      ['/admin', 'Admin'],
      ['/admin/controls', 'Admin'],
    ]) {
      const page = await get(app, url);
      expect([url, page.statusCode, page.body]).toEqual([url, 200, expect.stringContaining(title)]);
    }
    const chunk = await get(app, '/admin/main-ABCD1234.js', '*/*');
    expect(chunk.statusCode).toBe(200);
    expect(chunk.body).toContain('admin-ui');
    expect(chunk.headers['cache-control']).toContain('immutable');
  });

  it('leaves /api and missing files to the JSON 404', async () => {
    const app = await appWith(dist);
    const api = await get(app, '/api/nothing-here');
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await get(app, '/missing-ABCD1234.js')).statusCode).toBe(404);
    const json = await get(app, '/shop', 'application/json');
    expect(json.statusCode).toBe(404);
    expect(json.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('serves nothing when the builds are missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'static-apps-empty-'));
    try {
      const app = await appWith(empty);
      expect(await serveStaticApps(Fastify(), logger, empty)).toEqual([]);
      expect((await get(app, '/')).statusCode).toBe(404);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
