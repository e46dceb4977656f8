import { ProductPage } from '@shop/contracts';
import { startBareHttp } from '../lib/baselines';
import { Api } from '../lib/http';
import { stockUp } from '../lib/stock';
import { LoadResult, httpLoad, withCpu } from '../lib/load';
import { ratio } from '../lib/stats';
import { Scenario, ScenarioContext } from './scenario';

const NAME = 'catalogue';
const PAGE_PATH = '/api/products?page=1&pageSize=20';
const ADMIN = { email: 'admin@shop.local', password: 'Admin123!' };
const CART_USERS = 50;
/** Lines in every bench shopper's cart, and the products they are spread over. */
const CART_LINES = 5;
const CART_PRODUCTS = 50;

/**
 * A catalogue page read through the gateway, from the inventory cache (hit) and from
 * PostgreSQL (miss), beside bare Node serving a page of the same shape; and add-to-cart at 50 connections.
 *
 * How a miss is produced: the cluster's consistency mode is switched to `strong`, in which inventory
 * reads skip the cache and go to the primary database, so every request of the run is a cache miss on
 * the same query. The hit runs use `eventual` mode, where repeated reads are answered from the cache.
 * Both are checked from `servedBy.source` in the answer before the run.
 */
export const catalogueScenario: Scenario = {
  name: NAME,
  title: 'Catalogue page from the cache and from PostgreSQL, and add-to-cart',
  async run(ctx: ScenarioContext): Promise<void> {
    const { system, report } = ctx;
    const api = new Api(system.gatewayUrl);
    if (!(await api.routeExists('GET', PAGE_PATH))) {
      report.skip(NAME, 'GET /api/products is not available (404)');
      return;
    }
    const first = await api.ok<ProductPage>('GET', PAGE_PATH);
    if (first.items.length === 0) {
      report.skip(NAME, 'the catalogue is empty (no seed products)');
      return;
    }
    const admin = await api.login(ADMIN.email, ADMIN.password);
    const setConsistency = (consistency: 'strong' | 'eventual') =>
      api.ok('POST', '/api/services/config', {
        token: admin,
        body: { action: 'set-consistency', consistency },
      });
    const initial = (
      await api.ok<{ config: { consistency: 'strong' | 'eventual' } }>('GET', '/api/services/config', {
        token: admin,
      })
    ).config.consistency;

    try {
      await setConsistency('eventual');
      await expectSource(api, 'cache');
      const hit10 = await pageLoad(ctx, 'page read, cache hit', 10);
      const hit50 = await pageLoad(ctx, 'page read, cache hit', 50);

      await setConsistency('strong');
      await expectSource(api, 'primary');
      const miss10 = await pageLoad(ctx, 'page read, cache miss (strong mode: primary DB)', 10);
      const miss50 = await pageLoad(ctx, 'page read, cache miss (strong mode: primary DB)', 50);

      const bare = await startBareHttp(ctx.root, ctx.logDir);
      const bareUrl = `${bare.url}/page`;
      await httpLoad({ label: 'warm-up', url: bareUrl, connections: 10, durationS: ctx.args.warmupS });
      const bare10 = report.load(
        NAME,
        await httpLoad({
          label: 'bare Node page',
          url: bareUrl,
          connections: 10,
          durationS: ctx.args.durationS,
        }),
      );
      const bare50 = report.load(
        NAME,
        await httpLoad({
          label: 'bare Node page',
          url: bareUrl,
          connections: 50,
          durationS: ctx.args.durationS,
        }),
      );

      report.figure({
        scenario: NAME,
        name: 'cache hit p50 (10 conns)',
        value: hit10.latency.p50,
        unit: 'ms',
        target: { op: '<=', value: 5 },
      });
      report.figure({
        scenario: NAME,
        name: 'cache hit p99 (10 conns)',
        value: hit10.latency.p99,
        unit: 'ms',
      });
      report.figure({
        scenario: NAME,
        name: 'cache miss p50 (10 conns)',
        value: miss10.latency.p50,
        unit: 'ms',
        target: { op: '<=', value: 20 },
      });
      report.figure({
        scenario: NAME,
        name: 'cache miss p99 (10 conns)',
        value: miss10.latency.p99,
        unit: 'ms',
      });
      report.figure({ scenario: NAME, name: 'cache hit req/s (50 conns)', value: hit50.rps, unit: 'req/s' });
      report.figure({
        scenario: NAME,
        name: 'cache miss req/s (50 conns)',
        value: miss50.rps,
        unit: 'req/s',
      });
      report.figure({
        scenario: NAME,
        name: 'bare Node page req/s (50 conns)',
        value: bare50.rps,
        unit: 'req/s',
      });
      report.figure({
        scenario: NAME,
        name: 'hit / bare Node (req/s, 50 conns)',
        value: pct(ratio(hit50.rps, bare50.rps)),
        unit: '%',
      });
      report.figure({
        scenario: NAME,
        name: 'miss / bare Node (req/s, 50 conns)',
        value: pct(ratio(miss50.rps, bare50.rps)),
        unit: '%',
      });
      report.figure({
        scenario: NAME,
        name: 'bare Node page p50 (10 conns)',
        value: bare10.latency.p50,
        unit: 'ms',
      });
    } finally {
      await setConsistency(initial).catch(() => undefined);
    }

    await addToCart(ctx, api, admin);
  },
};

async function pageLoad(ctx: ScenarioContext, label: string, connections: number): Promise<LoadResult> {
  const url = `${ctx.system.gatewayUrl}${PAGE_PATH}`;
  if (connections === 10) await httpLoad({ label: 'warm-up', url, connections, durationS: ctx.args.warmupS });
  return ctx.report.load(
    NAME,
    await withCpu(ctx.system.pids('gateway', 'inventory'), () =>
      httpLoad({ label, url, connections, durationS: ctx.args.durationS }),
    ),
  );
}

/** Waits (the configuration reaches every instance within a second) until reads come from `source`. */
async function expectSource(api: Api, source: 'cache' | 'primary'): Promise<void> {
  let seen = '';
  for (let i = 0; i < 30; i++) {
    const page = await api.ok<ProductPage>('GET', PAGE_PATH);
    seen = page.servedBy?.source;
    if (seen === source) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`catalogue reads came from "${seen}", expected "${source}"`);
}

/**
 * POST /api/cart/items {productId, quantity: 1} with 50 connections, each request from one of 50 fresh
 * shoppers. Every shopper's cart holds CART_LINES products and each add raises one line by a unit, so the
 * cart (which every answer returns) keeps the size of a real one however long the run. The products are
 * stocked up first: the run measures reservations, not out-of-stock answers.
 */
async function addToCart(ctx: ScenarioContext, api: Api, admin: string): Promise<void> {
  const { report } = ctx;
  if (!(await api.routeExists('POST', '/api/cart/items'))) {
    report.skip(`${NAME}/add-to-cart`, 'POST /api/cart/items is not available (404)');
    return;
  }
  const products = await stockUp(api, admin, CART_PRODUCTS);
  const shoppers = await api.registerShoppers(CART_USERS, 'cart');
  let n = 0;
  const run = (durationS: number, label: string) =>
    httpLoad({
      label,
      url: `${ctx.system.gatewayUrl}/api/cart/items`,
      connections: 50,
      durationS,
      method: 'POST',
      setupRequest: (req) => {
        const i = n++;
        const shopper = i % shoppers.length;
        // Shopper s adds to products s·L … s·L+L−1 (mod P) in turn: requests in flight together touch
        // different stock rows and carts, and no cart grows past L lines.
        const line = Math.floor(i / shoppers.length) % CART_LINES;
        return {
          ...req,
          method: 'POST',
          path: '/api/cart/items',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${shoppers[shopper].token}`,
          },
          body: JSON.stringify({
            productId: products[(shopper * CART_LINES + line) % products.length],
            quantity: 1,
          }),
        };
      },
    });
  await run(ctx.args.warmupS, 'warm-up');
  // Empty carts again, so the measured run starts from the same state however fast the warm-up went (a
  // line holds at most 99 units; a fast machine could otherwise fill lines and measure 400s).
  for (const shopper of shoppers) await api.ok('DELETE', '/api/cart', { token: shopper.token });
  const result = report.load(
    NAME,
    await withCpu(ctx.system.pids('gateway', 'auth', 'cart', 'inventory'), () =>
      run(ctx.args.durationS, 'add-to-cart POST /api/cart/items'),
    ),
  );
  report.figure({
    scenario: NAME,
    name: 'add-to-cart p99 (50 conns)',
    value: result.latency.p99,
    unit: 'ms',
    target: { op: '<=', value: 50 },
  });
  if (result.failed > 0)
    report.note(
      NAME,
      `add-to-cart failures by status: ${JSON.stringify(result.failures)} (409 = out of stock)`,
    );
}

function pct(r: number | null): number | null {
  return r === null ? null : Math.round(r * 1000) / 10;
}
