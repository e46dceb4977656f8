import type { Browser, Page } from 'playwright-core';
import { ChildInstance, REPO_ROOT, TestCluster, builtScript, waitFor } from '@shop/testing';
import {
  VIEWPORTS,
  ViewportName,
  horizontalOverflow,
  launchChromium,
  overflowingElements,
  screenshotPath,
  seriousAxeViolations,
} from './browser';
import { signInAdmin } from './admin-console';
import { SERVICE_SCRIPTS, startShop } from './shop-cluster';

/** A console page and what shows once it has its live data. */
interface ConsolePage {
  name: string;
  path: string;
  ready: string;
}

const PAGES: ConsolePage[] = [
  {
    name: 'admin-services',
    path: '/admin/services',
    ready: '[data-chart=rate-inventory] tbody tr[data-series]',
  },
  { name: 'admin-orders', path: '/admin/orders', ready: '[data-chart=depth] tbody tr[data-series]' },
  { name: 'admin-inventory', path: '/admin/inventory', ready: '.cache[data-instance]' },
  { name: 'admin-controls', path: '/admin/controls', ready: 'adm-config-history' },
  { name: 'admin-logs', path: '/admin/logs', ready: 'main h1' },
  { name: 'admin-mail', path: '/admin/mail', ready: 'main h1' },
  { name: 'admin-users', path: '/admin/users', ready: 'main h1' },
];

/**
 * The admin console in Chromium against a real cluster (gateway serving the built console, two inventory
 * instances, auth and orders on a fresh database): the admin signs in, sees every instance, the load charts
 * draw, an inventory instance disabled from System Controls falls to zero requests per second while the other
 * serves the catalogue, a killed one drops out of its chart and its restarted process rejoins it, and the live
 * panels fill from their streams. Every page is screenshotted at desktop and phone size
 * (test-artefacts/browser), has no serious or critical axe-core violation and does not scroll sideways at
 * 360 px.
 */
describe('admin console in a browser', () => {
  let cluster: TestCluster;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  const inventoryIds = ['inventory-1', 'inventory-2'];
  /** Processes started outside the cluster's bookkeeping (a restarted instance): stopped before teardown. */
  const extra: ChildInstance[] = [];

  beforeAll(async () => {
    ({ cluster, baseUrl } = await startShop({ services: ['auth', 'orders'], inventoryIds }));
    try {
      browser = await launchChromium();
      page = await (await browser.newContext({ viewport: VIEWPORTS.desktop })).newPage();
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${cluster.diagnostics()}`);
    }
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await Promise.all(extra.map((p) => p.stop(2000)));
    await cluster?.teardown();
  });

  /** Catalogue reads through the gateway, so the inventory instances have something to serve. */
  async function browseCatalogue(times: number): Promise<void> {
    for (let i = 0; i < times; i++) await fetch(`${baseUrl}/api/products?page=${(i % 3) + 1}`);
  }

  it('signs the admin in and shows every instance', async () => {
    await signInAdmin(page, baseUrl);
    for (const id of [...inventoryIds, 'auth', 'orders', 'gateway']) {
      await page.waitForSelector(`adm-service-health-card tr[data-instance^="${id}"]`);
    }
  });

  it('draws the load of every inventory instance, drops a killed one and takes its restart back', async () => {
    await browseCatalogue(30);
    const chart = '[data-chart=rate-inventory]';
    await page.waitForSelector(`${chart} canvas`);
    for (const id of inventoryIds) await page.waitForSelector(`${chart} tr[data-series="${id}"]`);
    const label = await page.getAttribute(`${chart} [role=img]`, 'aria-label');
    expect(label).toMatch(/inventory-1 [\d.]+\/s, inventory-2 [\d.]+\/s/);
    await page.screenshot({ path: screenshotPath('admin-load-chart', 'desktop'), fullPage: true });

    // Disabled from System Controls: shown disabled, and its rate falls to zero while the other serves.
    const instanceRow = (id: string) => `adm-instances-panel tr[data-instance="${id}"]`;
    await page.click('nav >> text=System Controls');
    await page.click(`${instanceRow('inventory-1')} button:has-text("Disable")`);
    await page.waitForSelector('.notice:has-text("Applied")');
    await page.click('nav >> text=Service Monitor');
    await page.waitForSelector(
      'adm-service-health-card tr[data-instance="inventory-1"] .status:has-text("disabled")',
      {
        timeout: 2000,
      },
    );
    const rateOf = (id: string) => page.textContent(`${chart} tr[data-series="${id}"] td`);
    await waitFor(
      async () => {
        await browseCatalogue(5);
        return (await rateOf('inventory-1')) === '0.0/s' && (await rateOf('inventory-2')) !== '0.0/s';
      },
      'inventory-1 at 0/s while inventory-2 serves the catalogue',
      20_000,
      200,
    );
    await page.screenshot({ path: screenshotPath('admin-load-chart-disabled', 'desktop'), fullPage: true });
    await page.click('nav >> text=System Controls');
    await page.click(`${instanceRow('inventory-1')} button:has-text("Enable")`);
    await page.waitForSelector(`${instanceRow('inventory-1')} button:has-text("Disable")`);
    await page.click('nav >> text=Service Monitor');
    await page.waitForSelector(`${chart} canvas`);

    // Killed without a goodbye: it falls silent, shows down, and its line ends.
    cluster.instance('inventory-2').kill('SIGKILL');
    await page.waitForSelector(`${chart} tr[data-series="inventory-2"].out`, { timeout: 15_000 });
    expect(await page.textContent(`${chart} tr[data-series="inventory-2"] td`)).toBe('down');
    await page.screenshot({ path: screenshotPath('admin-load-chart-killed', 'desktop'), fullPage: true });

    // A new process under the same instance id (as the supervisor restarts it) rejoins the chart.
    const restarted = ChildInstance.spawn({
      name: 'inventory-2',
      script: builtScript(SERVICE_SCRIPTS.inventory),
      cwd: REPO_ROOT,
      env: cluster.env({ INSTANCE_ID: 'inventory-2', SERVICE_NAME: 'inventory' }),
    });
    extra.push(restarted);
    await waitFor(
      async () => {
        await browseCatalogue(5);
        return (await page.$(`${chart} tr[data-series="inventory-2"]:not(.out)`)) ?? undefined;
      },
      'the restarted inventory-2 back in the chart',
      60_000,
      500,
    );
    await page.screenshot({ path: screenshotPath('admin-load-chart-rejoined', 'desktop'), fullPage: true });
  });

  it('fills every page from its streams, with a screenshot at desktop and phone size, no serious axe finding and no sideways scrolling', async () => {
    const problems: string[] = [];
    for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
      await page.setViewportSize(VIEWPORTS[viewport]);
      for (const p of PAGES) {
        await page.goto(`${baseUrl}${p.path}`);
        await page.waitForSelector(p.ready, { timeout: 20_000 });
        if (p.name === 'admin-services') await page.waitForSelector('[data-chart=p99] canvas');
        await page.screenshot({ path: screenshotPath(p.name, viewport), fullPage: true });
        if (viewport === 'desktop')
          for (const v of await seriousAxeViolations(page))
            problems.push(`${p.name}: axe ${v.rule} (${v.impact}) ${v.help}: ${v.targets.join(' | ')}`);
        const overflow = await horizontalOverflow(page);
        if (overflow > 0)
          problems.push(
            `${p.name} at ${viewport}: ${overflow}px, ${(await overflowingElements(page)).join(', ')}`,
          );
      }
    }
    expect(problems).toEqual([]);
  });
});
