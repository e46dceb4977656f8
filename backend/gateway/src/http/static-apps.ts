import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppLogger } from '@shop/common';

/** A built single-page app and the URL path it is served under. */
export interface StaticApp {
  name: string;
  /** `/` or `/admin`: no trailing slash except for the root. */
  mount: string;
  /** Folder holding the app's `index.html`. */
  dir: string;
}

/** The Angular builds `npm run build:web` produces, most specific mount first. */
export function webApps(distRoot: string): StaticApp[] {
  return [
    { name: 'admin-ui', mount: '/admin', dir: join(distRoot, 'admin-ui', 'browser') },
    { name: 'storefront', mount: '/', dir: join(distRoot, 'storefront', 'browser') },
  ];
}

/** Paths that belong to the API and the instance health checks, never to an app. */
const SERVER_PATHS = /^\/(api|health)(\/|$)/;
/** The last segment looks like a file (`/logo.svg`): a missing file is a 404, not the app. */
const FILE_LIKE = /\/[^/]*\.[A-Za-z0-9]+$/;
/** Angular's output names carry a content hash (`chunk-AB12CD34.js`), so they can be cached for good. */
const HASHED = /-[A-Z0-9]{8}\.(js|css)$/;

function isUnder(path: string, mount: string): boolean {
  return mount === '/' || path === mount || path.startsWith(`${mount}/`);
}

/**
 * Which app's `index.html` answers a request no file matched (client-side routes such as `/shop` or
 * `/admin/services`): only browser navigations (GET/HEAD accepting text/html) outside `/api` and `/health`.
 */
export function spaFallbackFor(
  apps: readonly StaticApp[],
  req: { method: string; path: string; accept?: string },
): StaticApp | undefined {
  if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
  if (SERVER_PATHS.test(req.path) || FILE_LIKE.test(req.path)) return undefined;
  if (!req.accept?.includes('text/html')) return undefined;
  return apps.find((app) => isUnder(req.path, app.mount));
}

function cacheHeaders(reply: FastifyReply, filePath: string): void {
  if (basename(filePath) === 'index.html') void reply.header('Cache-Control', 'no-cache');
  else if (HASHED.test(filePath)) void reply.header('Cache-Control', 'public, max-age=31536000, immutable');
}

/**
 * Serves the built storefront at `/` and the admin console at `/admin`, each with a fallback to its
 * `index.html` for client-side routes. Apps whose build folder is missing are skipped (the API still
 * works). `/api/*` is never shadowed: unknown API routes keep their JSON 404. Returns the apps served.
 * Files are listed once at startup (`wildcard: false`), so API requests never touch the file system.
 * `distRoot` is WEB_DIST_DIR, by default `dist` in the working directory.
 */
export async function serveStaticApps(
  fastify: FastifyInstance,
  logger: AppLogger,
  distRoot = resolve(process.cwd(), 'dist'),
): Promise<StaticApp[]> {
  const apps: StaticApp[] = [];
  for (const web of webApps(distRoot)) {
    const built = existsSync(join(web.dir, 'index.html'));
    if (built) apps.push(web);
    logger.write(
      built ? 'info' : 'warn',
      built
        ? `Serving ${web.name} from ${web.dir} at ${web.mount}`
        : `Not serving ${web.name}: ${web.dir} has no index.html (run npm run build:web)`,
      { context: 'StaticApps' },
    );
  }
  for (const [i, web] of apps.entries()) {
    await fastify.register(fastifyStatic, {
      root: web.dir,
      prefix: web.mount === '/' ? '/' : `${web.mount}/`,
      wildcard: false,
      index: ['index.html'],
      setHeaders: cacheHeaders,
      // reply.sendFile is declared once; every call names its root.
      decorateReply: i === 0,
    });
  }
  if (apps.length === 0) return apps;
  const fallback = (req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0];
    const target = spaFallbackFor(apps, { method: req.method, path, accept: req.headers.accept });
    if (!target) return reply.callNotFound();
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html', target.dir);
  };
  // `/admin` itself is the plugin's index route: the gateway ignores trailing slashes.
  for (const web of apps) fastify.get(web.mount === '/' ? '/*' : `${web.mount}/*`, fallback);
  return apps;
}
