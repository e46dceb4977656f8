import type { Browser, Page } from 'playwright-core';
import type { ProductPage } from '@shop/contracts';
import { TestCluster, randomSuffix } from '@shop/testing';
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
import { startShop } from './shop-cluster';

/** Cards of the simulated payment provider. */
const APPROVE_CARD = '4242424242424242';
const DECLINE_CARD = '4000000000000002';

/** A storefront page, who opens it (a guest, or the shopper who registered), and what shows once loaded. */
interface StorePage {
  name: string;
  path: string;
  as: 'guest' | 'shopper';
  ready: string;
}

/**
 * The storefront in Chromium against a real cluster (gateway serving the built storefront, inventory, auth,
 * cart, payment and orders on a fresh database, a unique subject prefix): a guest browses, searches and opens
 * a product; a shopper registers, adds to the cart and sees the hold countdown, checks out (a double click
 * places one order) and watches the order reach Completed, then sees a declined card explained and the cart
 * given back. Every page has no serious or critical
 * axe-core violation, no sideways scrolling from 360 px to desktop, and a visible focus on every keyboard
 * stop. A screenshot of each page at desktop and phone size goes to test-artefacts/browser.
 */
describe('storefront in a browser', () => {
  let cluster: TestCluster;
  let baseUrl: string;
  let browser: Browser;
  /** A guest's tab and the registered shopper's tab (separate browser contexts). */
  const tabs = {} as Record<StorePage['as'], Page>;
  let productId: string;
  let productName: string;
  const pages: StorePage[] = [];

  beforeAll(async () => {
    ({ cluster, baseUrl } = await startShop({
      services: ['auth', 'cart', 'payment', 'orders'],
      env: { ORDER_FULFILMENT_MS: '300' },
    }));
    try {
      const found = (await (await fetch(`${baseUrl}/api/products?q=headphones`)).json()) as ProductPage;
      productId = found.items[0].id;
      productName = found.items[0].name;
      pages.push(
        { name: 'home', path: '/', as: 'guest', ready: 'main h1' },
        { name: 'shop', path: '/shop', as: 'guest', ready: 'sf-product-card' },
        { name: 'shop-category', path: '/shop?category=Books', as: 'guest', ready: 'sf-product-card' },
        { name: 'shop-search', path: '/shop?q=coffee', as: 'guest', ready: 'sf-product-card' },
        { name: 'product', path: `/product/${productId}`, as: 'guest', ready: 'main h1' },
        { name: 'login', path: '/login', as: 'guest', ready: 'main form' },
        { name: 'register', path: '/register', as: 'guest', ready: 'main form' },
        { name: 'not-found', path: '/no-such-page', as: 'guest', ready: 'main h1' },
        { name: 'home-signed-in', path: '/', as: 'shopper', ready: 'main h1' },
        {
          name: 'product-signed-in',
          path: `/product/${productId}`,
          as: 'shopper',
          ready: 'main button.primary',
        },
        { name: 'cart', path: '/cart', as: 'shopper', ready: '.line' },
        { name: 'checkout', path: '/checkout', as: 'shopper', ready: 'main form' },
        { name: 'account', path: '/account', as: 'shopper', ready: '.account' },
      );
      browser = await launchChromium();
      for (const who of ['guest', 'shopper'] as const) {
        tabs[who] = await (await browser.newContext({ viewport: VIEWPORTS.desktop })).newPage();
      }
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${cluster.diagnostics()}`);
    }
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await cluster?.teardown();
  });

  async function open(p: StorePage): Promise<Page> {
    const page = tabs[p.as];
    await page.goto(`${baseUrl}${p.path}`, { waitUntil: 'networkidle' });
    await page.waitForSelector(p.ready);
    return page;
  }

  it('lets a guest browse a category, search and open a product', async () => {
    const page = tabs.guest;
    await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: 'Shop', exact: true }).first().click();
    await page.waitForSelector('sf-product-card');
    await page
      .getByRole('navigation', { name: 'Categories' })
      .getByRole('link', { name: /Garden/ })
      .click();
    await page.waitForURL(/category=Garden/);
    // The grid empties while the category loads: wait for a full grid of Garden products.
    await page.waitForFunction(() => {
      const categories = Array.from(document.querySelectorAll('sf-product-card .category'));
      return categories.length > 0 && categories.every((c) => c.textContent?.trim() === 'Garden');
    });
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

  it('lets a shopper register, add a product to the cart and see how long it is held', async () => {
    const page = tabs.shopper;
    await page.goto(`${baseUrl}/register`, { waitUntil: 'networkidle' });
    const email = `browser-${randomSuffix(6)}@e2e.test`;
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill('Secret123!');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForSelector(`text=${email}`);
    await page.goto(`${baseUrl}/product/${productId}`, { waitUntil: 'networkidle' });
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid=cart-count]')?.textContent?.trim() === '2',
    );
    await page.getByRole('link', { name: /^Cart/ }).click();
    await page.waitForSelector('.line');
    expect(await page.locator('.line .name').textContent()).toBe(productName);
    expect(await page.locator('[data-testid=quantity]').textContent()).toBe('2');
    expect(await page.locator('.line .hold').textContent()).toMatch(/Held for you for 1[45]:\d\d/);
  });

  /** The shopper's access token, for reading their orders over the API. */
  const shopperToken = () =>
    tabs.shopper.evaluate(() => {
      for (let i = 0; i < localStorage.length; i++) {
        const value = localStorage.getItem(localStorage.key(i)!) ?? '';
        const token = /"accessToken":"([^"]+)"/.exec(value)?.[1];
        if (token) return token;
      }
      return undefined;
    });

  it('checks out with the approve card: a double click places one order, which reaches Completed live', async () => {
    const page = tabs.shopper;
    await page.goto(`${baseUrl}/checkout`, { waitUntil: 'networkidle' });
    await page.getByLabel('Card number').fill(APPROVE_CARD);
    await page.getByRole('button', { name: 'Place order' }).dblclick();
    await page.waitForURL(/\/orders\/[^/?]+\?placed=1/);
    const orderPath = new URL(page.url()).pathname;
    await page.waitForFunction(
      () => document.querySelector('[data-testid=status]')?.textContent?.trim() === 'Completed',
      undefined,
      { timeout: 60_000 },
    );
    await page.waitForFunction(
      () => document.querySelector('[data-testid=cart-count]')?.textContent?.trim() === '0',
    );
    const token = await shopperToken();
    expect(token).toBeTruthy();
    const orders = (await (
      await fetch(`${baseUrl}/api/orders`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as { items: { id: string }[]; total: number };
    expect(orders.total).toBe(1);
    expect(orderPath).toBe(`/orders/${orders.items[0].id}`);
    pages.push(
      { name: 'orders', path: '/orders', as: 'shopper', ready: 'main table' },
      { name: 'order', path: orderPath, as: 'shopper', ready: '[data-testid=status]' },
    );
  });

  it('explains a declined card and gives the cart back with its stock held', async () => {
    const page = tabs.shopper;
    const before = (await (await fetch(`${baseUrl}/api/products/${productId}`)).json()) as {
      product: { onHand: number };
    };
    await page.goto(`${baseUrl}/product/${productId}`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid=cart-count]')?.textContent?.trim() === '1',
    );
    // The count shows at once (optimistic); the checkout page is loaded anew once the server has the line.
    await page.getByRole('status').filter({ hasText: 'added to your cart' }).waitFor();
    await page.goto(`${baseUrl}/checkout`, { waitUntil: 'networkidle' });
    await page.getByLabel('Card number').fill(DECLINE_CARD);
    await page.getByRole('button', { name: 'Place order' }).click();
    const alert = page.locator('.notice[role=alert]');
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.textContent()).toContain('Your card was declined');
    await page.screenshot({ path: screenshotPath('checkout-declined', 'desktop'), fullPage: true });
    await page.goto(`${baseUrl}/cart`, { waitUntil: 'networkidle' });
    await page.waitForSelector('.line');
    expect(await page.locator('[data-testid=quantity]').textContent()).toBe('1');
    expect(await page.locator('.line .hold').textContent()).toMatch(/Held for you for/);
    const after = (await (await fetch(`${baseUrl}/api/products/${productId}`)).json()) as {
      product: { onHand: number };
    };
    expect(after.product.onHand).toBe(before.product.onHand);
  });

  it('has no serious or critical axe-core violation on any page, at desktop and phone size', async () => {
    const findings: { page: string; viewport: ViewportName; violations: AxeFinding[] }[] = [];
    for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
      for (const p of pages) {
        await tabs[p.as].setViewportSize(VIEWPORTS[viewport]);
        const page = await open(p);
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
      for (const p of pages) {
        await tabs[p.as].setViewportSize({ width, height: 800 });
        const page = await open(p);
        const by = await horizontalOverflow(page);
        if (by > 0) overflows.push({ page: p.name, width, by, elements: await overflowingElements(page) });
      }
    }
    expect(overflows).toEqual([]);
  });

  it('reaches every control by keyboard with a visible focus', async () => {
    const hidden: { page: string; stops: string[] }[] = [];
    for (const p of pages) {
      await tabs[p.as].setViewportSize(VIEWPORTS.desktop);
      const page = await open(p);
      const stops = await focusStops(page);
      expect(stops.length).toBeGreaterThan(3);
      const invisible = stops.filter((s) => !s.visible).map((s) => s.name);
      if (invisible.length) hidden.push({ page: p.name, stops: invisible });
    }
    const shopStops = (await focusStops(await open(pages[1]))).map((s) => s.name);
    expect(shopStops.some((s) => s.startsWith('input'))).toBe(true);
    expect(shopStops.some((s) => s.startsWith('select'))).toBe(true);
    expect(hidden).toEqual([]);
  });
});
