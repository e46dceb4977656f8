import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AuthTokens, CartDto, ProductDto, ProductPage, ProductResult } from '@shop/contracts';
import { DEMO_ACCOUNTS } from '@shop/contracts';
import { TestCluster, randomSuffix } from '@shop/testing';
import { VIEWPORTS, ViewportName, launchChromium, screenshotPath } from './browser';
import { startShop } from './shop-cluster';

/**
 * The offline cart and live availability in Chromium against a real cluster (gateway serving the built
 * storefront, inventory, auth and cart on a fresh database, a unique subject prefix). A shopper goes offline
 * on the cart page, changes it, comes back online and sees it synced, with every change applied once on the
 * server; then another shopper takes the last units of a product that sits in the first shopper's open cart,
 * and the cart flags it sold out while a guest's open product page says "Out of stock", both without a
 * reload. Screenshots at desktop and phone size go to test-artefacts/browser.
 */
describe('offline cart and live availability in a browser', () => {
  let cluster: TestCluster;
  let baseUrl: string;
  let browser: Browser;
  let shopper: BrowserContext;
  let page: Page;
  let products: ProductDto[];

  async function api<T>(path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
    const headers: Record<string, string> = {};
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const body = (await res.json()) as T;
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${JSON.stringify(body)}`);
    return body;
  }

  /** The signed-in shopper's access token, from the page's storage. */
  const tokenOf = (tab: Page) =>
    tab.evaluate(() => {
      for (let i = 0; i < localStorage.length; i++) {
        const token = /"accessToken":"([^"]+)"/.exec(localStorage.getItem(localStorage.key(i)!) ?? '')?.[1];
        if (token) return token;
      }
      throw new Error('not signed in');
    });

  /** The shopper's cart as the server has it, read over the API (not through the browser). */
  const serverCart = async () => api<CartDto>('/api/cart', { token: await tokenOf(page) });
  const quantities = (cart: CartDto) => Object.fromEntries(cart.items.map((i) => [i.productId, i.quantity]));
  const product = (id: string) => api<ProductResult>(`/api/products/${id}`).then((r) => r.product);

  async function screenshots(name: string): Promise<void> {
    for (const viewport of ['desktop', 'phone'] as ViewportName[]) {
      await page.setViewportSize(VIEWPORTS[viewport]);
      await page.screenshot({ path: screenshotPath(name, viewport), fullPage: true });
    }
    await page.setViewportSize(VIEWPORTS.desktop);
  }

  const line = (productId: string) => page.locator(`li.line[data-product="${productId}"]`);

  async function addOnProductPage(productId: string): Promise<void> {
    await page.goto(`${baseUrl}/product/${productId}`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('status').filter({ hasText: 'added to your cart' }).waitFor();
  }

  beforeAll(async () => {
    ({ cluster, baseUrl } = await startShop({ services: ['auth', 'cart'] }));
    try {
      products = (await api<ProductPage>('/api/products?pageSize=3&sort=name')).items;
      browser = await launchChromium();
      shopper = await browser.newContext({ viewport: VIEWPORTS.desktop });
      page = await shopper.newPage();
      await page.goto(`${baseUrl}/register`);
      const email = `offline-${randomSuffix(6)}@e2e.test`;
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Password').fill('Secret123!');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.waitForSelector(`text=${email}`);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${cluster.diagnostics()}`);
    }
  });

  // A failed test must not leave the shopper offline for the next one.
  afterEach(async () => {
    await shopper?.setOffline(false);
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await cluster?.teardown();
  });

  it('keeps cart changes made offline, shows them pending, and syncs each once when back online', async () => {
    const [a, b] = products;
    await addOnProductPage(a.id);
    await addOnProductPage(b.id);
    await page.goto(`${baseUrl}/cart`);
    await line(a.id).waitFor();
    await line(b.id).waitFor();
    const reservedBefore = (await product(a.id)).reserved;

    await shopper.setOffline(true);
    await line(a.id).getByRole('button', { name: 'One more' }).click();
    await line(a.id).getByRole('button', { name: 'One more' }).click();
    await line(b.id).getByRole('button', { name: 'Remove' }).click();

    // Shown at once, marked pending, and said to be kept on the device. The page renders after each click
    // settles, so wait for the third change to show rather than reading the text the moment the click returns.
    await page
      .getByTestId('cart-waiting')
      .filter({ hasText: /3 cart changes are kept on this device/ })
      .waitFor();
    await line(a.id).getByTestId('quantity').filter({ hasText: /^3$/ }).waitFor();
    expect(await line(a.id).getAttribute('class')).toContain('pending');
    expect(await line(b.id).count()).toBe(0);
    const kept = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith('shop.cart.'))
        .map((k) => (JSON.parse(localStorage.getItem(k)!) as { changes: unknown[] }).changes.length),
    );
    expect(kept).toEqual([3]);
    // Nothing reached the server yet.
    expect(quantities(await serverCart())).toEqual({ [a.id]: 1, [b.id]: 1 });
    await screenshots('cart-offline');

    await shopper.setOffline(false);
    await page.getByTestId('cart-waiting').waitFor({ state: 'detached', timeout: 30_000 });
    await page.waitForFunction(() => document.querySelectorAll('li.line.pending').length === 0);
    expect(await line(a.id).getByTestId('quantity').textContent()).toBe('3');
    expect(await page.getByTestId('cart-count').textContent()).toBe('3');

    // Applied once each: 3 units (not 5), B gone, and inventory holds exactly 2 more units of A.
    expect(quantities(await serverCart())).toEqual({ [a.id]: 3 });
    expect((await product(a.id)).reserved).toBe(reservedBefore + 2);
    await screenshots('cart-synced');
  });

  it('flags a product in an open cart once another shopper takes its last units, and the product page says so', async () => {
    const [, , c] = products;
    // Two units in stock: one for this shopper, one left for someone else.
    const admin = DEMO_ACCOUNTS.find((x) => x.role === 'admin')!;
    const { accessToken: adminToken } = await api<AuthTokens>('/api/auth/login', {
      method: 'POST',
      body: { email: admin.email, password: admin.password },
    });
    const current = await product(c.id);
    await api(`/api/inventory/${c.id}`, {
      method: 'PUT',
      token: adminToken,
      body: { onHand: 2, expectedVersion: current.version },
    });
    await addOnProductPage(c.id);
    await page.goto(`${baseUrl}/cart`);
    await line(c.id).waitFor();
    expect(await line(c.id).getByTestId('sold-out').count()).toBe(0);

    const guest = await (await browser.newContext({ viewport: VIEWPORTS.desktop })).newPage();
    await guest.goto(`${baseUrl}/product/${c.id}`);
    await guest.locator('.stock').filter({ hasText: '1 available' }).waitFor();

    // Another shopper, over the API, takes the last unit.
    const other = await api<AuthTokens>('/api/auth/register', {
      method: 'POST',
      body: { email: `other-${randomSuffix(6)}@e2e.test`, password: 'Secret123!' },
    });
    await api('/api/cart/items', {
      method: 'POST',
      token: other.accessToken,
      body: { productId: c.id, quantity: 1 },
    });

    const flag = line(c.id).getByTestId('sold-out');
    await flag.waitFor({ timeout: 30_000 });
    expect(await flag.textContent()).toContain('Sold out');
    expect(await line(c.id).textContent()).toContain('No more available');
    await guest.locator('.stock').filter({ hasText: 'Out of stock' }).waitFor({ timeout: 30_000 });
    await screenshots('cart-sold-out');
    await guest.context().close();
  });
});
