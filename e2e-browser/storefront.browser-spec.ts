import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ProductPage } from '@shop/contracts';
import { GATEWAY_SCRIPT, TestCluster, freePort } from '@shop/testing';
import {
  AxeFinding,
  LAYOUT_WIDTHS,
  VIEWPORTS,
  ViewportName,
  focusStops,
  horizontalOverflow,
  launchChromium,
  overflowingElements,
  screenshotPath,
  seriousAxeViolations,
} from './browser';

const INVENTORY_SCRIPT = 'backend/inventory/src/main.js';

/** A storefront page a guest can open, and what shows once it has loaded. */
interface GuestPage {
  name: string;
  path: string;
  ready: string;
}

/**
 * The storefront in Chromium against a real cluster (gateway serving the built storefront, inventory on a
 * fresh database, a unique subject prefix): a guest browses, searches and opens a product; every page has
 * no serious or critical axe-core violation, no sideways scrolling from 360 px to desktop, and a visible
 * focus on every keyboard stop. A screenshot of each page at desktop and phone size goes to
 * test-artefacts/browser.
 */
describe('storefront in a browser (guest)', () => {
  let cluster: TestCluster;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let productId: string;
  const pages: GuestPage[] = [];

  beforeAll(async () => {
    cluster = await TestCluster.start({
      database: true,
      env: {
        LOG_LEVEL: 'warn',
        JWT_SECRET: 'browser-test-secret-0123456789abcdef',
        RATE_LIMIT_PER_MINUTE: '100000',
      },
    });
    try {
      const port = await freePort();
      baseUrl = `http://127.0.0.1:${port}`;
      await Promise.all([
        cluster.startInstance({ service: 'inventory', script: INVENTORY_SCRIPT, readyTimeoutMs: 90_000 }),
        cluster.startInstance({
          service: 'gateway',
          script: GATEWAY_SCRIPT,
          env: { PORT: String(port) },
          readyTimeoutMs: 90_000,
        }),
      ]);
      const found = (await (await fetch(`${baseUrl}/api/products?q=headphones`)).json()) as ProductPage;
      productId = found.items[0].id;
      pages.push(
        { name: 'home', path: '/', ready: 'main h1' },
        { name: 'shop', path: '/shop', ready: 'sf-product-card' },
        { name: 'shop-category', path: '/shop?category=Books', ready: 'sf-product-card' },
        { name: 'shop-search', path: '/shop?q=coffee', ready: 'sf-product-card' },
        { name: 'product', path: `/product/${productId}`, ready: 'main h1' },
        { name: 'login', path: '/login', ready: 'main form' },
        { name: 'register', path: '/register', ready: 'main form' },
        { name: 'not-found', path: '/no-such-page', ready: 'main h1' },
      );
      browser = await launchChromium();
      context = await browser.newContext({ viewport: VIEWPORTS.desktop });
      page = await context.newPage();
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${cluster.diagnostics()}`);
    }
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await cluster?.teardown();
  });

  async function open(p: GuestPage): Promise<void> {
    await page.goto(`${baseUrl}${p.path}`, { waitUntil: 'networkidle' });
    await page.waitForSelector(p.ready);
  }

  it('lets a guest browse a category, search and open a product', async () => {
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: 'Shop', exact: true }).first().click();
    await page.waitForSelector('sf-product-card');
    await page
      .getByRole('navigation', { name: 'Categories' })
      .getByRole('link', { name: /Garden/ })
      .click();
    await page.waitForURL(/category=Garden/);
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('sf-product-card .category')).every(
        (c) => c.textContent?.trim() === 'Garden',
      ),
    );
    expect(await page.locator('sf-product-card').count()).toBeGreaterThan(0);
    await page.goto(`${baseUrl}/shop`, { waitUntil: 'networkidle' });
    const search = page.getByRole('searchbox', { name: /search/i });
    await search.fill('headphones');
    await search.press('Enter');
    await page.waitForURL(/q=headphones/);
    await page.waitForFunction(() => {
      const names = Array.from(document.querySelectorAll('sf-product-card .name')).map(
        (n) => n.textContent ?? '',
      );
      return names.length > 0 && names.every((n) => /headphones/i.test(n));
    });
    const names = await page.locator('sf-product-card .name').allTextContents();
    expect(names.length).toBeGreaterThanOrEqual(2);
    await page.locator('sf-product-card a').first().click();
    await page.waitForURL(/\/product\//);
    await page.waitForSelector('main h1');
    expect(await page.locator('main h1').textContent()).toBe(names[0].trim());
  });

  it('has no serious or critical axe-core violation on any page, at desktop and phone size', async () => {
    const findings: { page: string; viewport: ViewportName; violations: AxeFinding[] }[] = [];
    for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
      await page.setViewportSize(VIEWPORTS[viewport]);
      for (const p of pages) {
        await open(p);
        const violations = await seriousAxeViolations(page);
        if (violations.length) findings.push({ page: p.name, viewport, violations });
        await page.screenshot({ path: screenshotPath(p.name, viewport), fullPage: true });
      }
    }
    expect(findings).toEqual([]);
  });

  it('never scrolls sideways from 360 px to desktop', async () => {
    const overflows: { page: string; width: number; by: number; elements: string[] }[] = [];
    for (const width of LAYOUT_WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      for (const p of pages) {
        await open(p);
        const by = await horizontalOverflow(page);
        if (by > 0) overflows.push({ page: p.name, width, by, elements: await overflowingElements(page) });
      }
    }
    expect(overflows).toEqual([]);
  });

  it('reaches every control by keyboard with a visible focus', async () => {
    const hidden: { page: string; stops: string[] }[] = [];
    await page.setViewportSize(VIEWPORTS.desktop);
    for (const p of pages) {
      await open(p);
      const stops = await focusStops(page);
      expect(stops.length).toBeGreaterThan(3);
      const invisible = stops.filter((s) => !s.visible).map((s) => s.name);
      if (invisible.length) hidden.push({ page: p.name, stops: invisible });
    }
    await open(pages[1]);
    const shopStops = (await focusStops(page)).map((s) => s.name);
    expect(shopStops.some((s) => s.startsWith('input'))).toBe(true);
    expect(shopStops.some((s) => s.startsWith('select'))).toBe(true);
    expect(hidden).toEqual([]);
  });
});
