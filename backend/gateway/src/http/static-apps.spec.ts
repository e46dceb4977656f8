import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { AppLogger } from '@shop/common';
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

  function appWith(distRoot: string): express.Express {
    const app = express();
    serveStaticApps(app, logger, distRoot);
    // Stands in for Nest's router: what falls through gets the API's JSON 404.
    app.use((req, res) => {
      res
        .status(404)
        .json({ statusCode: 404, code: 'NOT_FOUND', message: `Cannot ${req.method} ${req.path}` });
    });
    return app;
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

  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('serves both apps, their files and their client-side routes', async () => {
    const app = appWith(dist);
    const root = await request(app).get('/').set('Accept', HTML).expect(200);
    expect(root.text).toContain('Storefront');
    expect(root.headers['cache-control']).toBe('no-cache');
    expect((await request(app).get('/shop/p/42').set('Accept', HTML).expect(200)).text).toContain(
      'Storefront',
    );
    expect((await request(app).get('/admin/').set('Accept', HTML).expect(200)).text).toContain('Admin');
    expect((await request(app).get('/admin/controls').set('Accept', HTML).expect(200)).text).toContain(
      'Admin',
    );
    const chunk = await request(app).get('/admin/main-ABCD1234.js').expect(200);
    expect(chunk.text).toContain('admin-ui');
    expect(chunk.headers['cache-control']).toContain('immutable');
  });

  it('leaves /api and missing files to the JSON 404', async () => {
    const app = appWith(dist);
    const api = await request(app).get('/api/nothing-here').set('Accept', HTML).expect(404);
    expect(api.body.code).toBe('NOT_FOUND');
    await request(app).get('/missing-ABCD1234.js').set('Accept', HTML).expect(404);
    const json = await request(app).get('/shop').set('Accept', 'application/json').expect(404);
    expect(json.body.code).toBe('NOT_FOUND');
  });

  it('serves nothing when the builds are missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'static-apps-empty-'));
    try {
      const app = appWith(empty);
      expect(serveStaticApps(express(), logger, empty)).toEqual([]);
      await request(app).get('/').set('Accept', HTML).expect(404);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
