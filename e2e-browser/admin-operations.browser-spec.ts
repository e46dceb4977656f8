import { randomUUID } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { OrdersRpc, SIMULATED_TEST_CARDS, type AuthTokens, type ProductDto } from '@shop/contracts';
import { TestCluster, freePort, sleep, waitFor } from '@shop/testing';
import { VIEWPORTS, launchChromium, screenshotPath } from './browser';
import { demoAccount, signInAdmin, submitConsoleLogin } from './admin-console';
import { startShop } from './shop-cluster';

/** The provider timeout of the payment instance: an unanswered authorization fails after this long. */
const PROVIDER_TIMEOUT_MS = 2500;
/** The orders service's own limit for a checkout. */
const CHECKOUT_RPC_TIMEOUT_MS = OrdersRpc.placeOrder.timeoutMs ?? 30_000;
const BURST = 20;

/** One operation (method and path, parameters filled in) the OpenAPI document says is for admins only. */
interface AdminRoute {
  method: string;
  path: string;
  stream: boolean;
}

/**
 * The operator's checks of the admin console in Chromium against a real cluster (gateway, auth, cart, payment,
 * orders, notification and two inventory instances on a fresh database): a shopper is refused by the console
 * and by every admin route; switching the balancing algorithm changes how the load chart splits the catalogue
 * reads between the inventory instances; a VIP and a normal burst from the Order Interface rise and drain in
 * the queue charts, VIP first; an order shows its saga timeline, and a correlation id of it the log lines of
 * gateway, orders, inventory and payment; with the payment provider down, checkout fails fast and the console
 * shows the payment breaker open. Each panel is screenshotted (test-artefacts/browser).
 */
describe('admin console operations in a browser', () => {
  let cluster: TestCluster;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let shopperToken: string;
  const inventoryIds = ['inventory-1', 'inventory-2'];

  beforeAll(async () => {
    ({ cluster, baseUrl } = await startShop({
      services: ['auth', 'cart', 'payment', 'notification', 'orders'],
      inventoryIds,
      env: {
        // Debug lines (every request an instance serves) reach the log store, so one order reads across services.
        LOG_LEVEL: 'debug',
        // Nothing listens there: order e-mails fail quickly, which this test does not look at.
        SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
        // One VIP-only and one shared fulfilment slot: a burst of orders queues up, visibly.
        ORDER_FULFILMENT_MS: '500',
        QUEUE_VIP_WORKERS: '1',
        QUEUE_SHARED_WORKERS: '1',
        PAYMENT_PROVIDER_TIMEOUT_MS: String(PROVIDER_TIMEOUT_MS),
        PAYMENT_BREAKER_THRESHOLD: '2',
        PAYMENT_BREAKER_COOLDOWN_MS: '60000',
      },
    }));
    try {
      browser = await launchChromium();
      page = await (await browser.newContext({ viewport: VIEWPORTS.desktop })).newPage();
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${cluster.diagnostics()}`);
    }
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await cluster?.teardown();
  });

  const shoot = (target: Locator, name: string) =>
    target.screenshot({ path: screenshotPath(`admin-ops-${name}`, 'desktop') });

  async function goTo(navText: string, ready: string): Promise<void> {
    await page.click(`nav >> text=${navText}`);
    await page.waitForSelector(ready);
  }

  /** Sends a System Controls command from the page and waits for the page to say it was applied. */
  async function applied(action: () => Promise<void>): Promise<void> {
    const notice = page.locator('adm-system-controls-page .notice');
    const before = (await notice.count()) > 0 ? await notice.textContent() : null;
    await action();
    await waitFor(
      async () => {
        if ((await notice.count()) === 0) return undefined;
        const text = (await notice.textContent()) ?? '';
        if (text === before) return undefined;
        if (!text.startsWith('Applied')) throw new Error(`System Controls answered: ${text}`);
        return true;
      },
      'System Controls to apply the change',
      10_000,
      100,
    );
  }

  /** Every admin-only operation of the gateway's OpenAPI document (`403: Requires role: admin`). */
  async function adminRoutes(): Promise<AdminRoute[]> {
    type Operation = { responses?: Record<string, { description?: string }> };
    const doc = (await (await fetch(`${baseUrl}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, Operation>>;
    };
    const routes: AdminRoute[] = [];
    for (const [path, operations] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(operations)) {
        if (!/admin/i.test(op.responses?.['403']?.description ?? '')) continue;
        routes.push({
          method: method.toUpperCase(),
          path: path.replace(/\{service\}/g, 'inventory').replace(/\{[^}]+\}/g, randomUUID()),
          stream: path.endsWith('/stream'),
        });
      }
    return routes;
  }

  it('refuses a shopper: the console names the account, and every admin route answers 403', async () => {
    const shopper = demoAccount('customer');
    const login = await waitFor(
      async () => {
        const res = await fetch(`${baseUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: shopper.email, password: shopper.password }),
        });
        return res.ok ? ((await res.json()) as AuthTokens) : undefined;
      },
      'the demo shopper to exist',
      30_000,
      500,
    );
    shopperToken = login.accessToken;

    await submitConsoleLogin(page, baseUrl, shopper);
    const alert = page.locator('.login [role=alert]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`${shopper.email} is not an admin account.`);
    expect(page.url()).toMatch(/\/admin\/login/);
    await shoot(page.locator('.login'), 'shopper-refused');

    const routes = await adminRoutes();
    const paths = routes.map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'POST /api/services/config',
        'POST /api/admin/test-orders',
        'GET /api/logs',
        'GET /api/admin/payment/provider',
        'GET /api/users',
      ]),
    );
    const answers = await Promise.all(
      routes.map(async (r) => {
        const url = `${baseUrl}${r.path}${r.stream ? `?access_token=${encodeURIComponent(shopperToken)}` : ''}`;
        const res = await fetch(url, {
          method: r.method,
          headers: {
            authorization: `Bearer ${shopperToken}`,
            'content-type': 'application/json',
            'idempotency-key': randomUUID(),
          },
          body: r.method === 'GET' ? undefined : '{}',
        });
        const body = (await res.json().catch(() => ({}))) as { code?: string };
        return `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, ':id')} ${res.status} ${body.code ?? ''}`;
      }),
    );
    expect(answers).toEqual(
      routes.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, ':id')} 403 FORBIDDEN`),
    );

    await signInAdmin(page, baseUrl);
    for (const id of [...inventoryIds, 'payment', 'orders', 'notification'])
      await page.waitForSelector(`adm-service-health-card tr[data-instance^="${id}"]`);
  });

  it('splits the catalogue reads by the balancing algorithm chosen in System Controls', async () => {
    const chart = page.locator('[data-chart=rate-inventory]');
    // Catalogue reads through the gateway, six at a time, for as long as this test needs them.
    let reading = true;
    const readers = Array.from({ length: 6 }, async (_, n) => {
      for (let i = n; reading; i++) await fetch(`${baseUrl}/api/products?page=${(i % 4) + 1}`);
    });
    /** inventory-2's share of the requests per second the chart shows, over a few of its pictures. */
    const shareOfSecond = async (): Promise<number> => {
      await sleep(2500); // the rates of the configuration before have left the newest pictures
      const totals = [0, 0];
      for (let sample = 0; sample < 6; sample++) {
        const rates = await Promise.all(
          inventoryIds.map(async (id) =>
            parseFloat((await chart.locator(`tr[data-series="${id}"] td`).first().textContent()) ?? ''),
          ),
        );
        rates.forEach((r, i) => (totals[i] += Number.isFinite(r) ? r : 0));
        await sleep(1000);
      }
      expect(totals[0] + totals[1]).toBeGreaterThan(0);
      return totals[1] / (totals[0] + totals[1]);
    };
    try {
      // inventory-2 weighs four times inventory-1; round robin takes no notice of weights.
      await goTo('System Controls', 'adm-instances-panel tr[data-instance="inventory-2"]');
      const weightRow = page.locator('adm-instances-panel tr[data-instance="inventory-2"]');
      await weightRow.locator('input[type=number]').fill('4');
      await applied(() => weightRow.locator('button:has-text("Set")').click());
      expect(await page.inputValue('[data-testid=global-algorithm]')).toBe('round-robin');

      await goTo('Service Monitor', '[data-chart=rate-inventory] tr[data-series="inventory-2"]');
      const roundRobin = await shareOfSecond();
      await shoot(chart, 'load-round-robin');

      await goTo('System Controls', '[data-testid=global-algorithm]');
      await applied(async () => {
        await page.selectOption('[data-testid=global-algorithm]', 'weighted');
      });
      await shoot(page.locator('section.card:has(adm-balancing-panel)'), 'balancing');

      await goTo('Service Monitor', '[data-chart=rate-inventory] tr[data-series="inventory-2"]');
      const weighted = await shareOfSecond();
      await shoot(chart, 'load-weighted');

      expect({ roundRobin: roundRobin > 0.3 && roundRobin < 0.7, weighted: weighted > 0.68 }).toEqual({
        roundRobin: true,
        weighted: true,
      });
      expect(weighted - roundRobin).toBeGreaterThan(0.15);
    } finally {
      reading = false;
      await Promise.all(readers);
    }
  });

  /** The placements of "Your test orders": priority, order id and status, as the page shows them. */
  const placements = () =>
    page.$$eval('adm-orders-page .feed li[data-outcome]', (items) =>
      items.map((li) => ({
        priority: li.querySelector('.prio')?.textContent?.trim() ?? '',
        outcome: li.getAttribute('data-outcome') ?? '',
        completed: / · COMPLETED\b/.test(li.textContent ?? ''),
        text: (li.textContent ?? '').replace(/\s+/g, ' ').trim(),
      })),
    );
  /** What the feed shows, for a failure message. */
  const feedSummary = async () => (await placements()).map((p) => p.text).join('\n');

  it('queues a normal and then a VIP burst from the Order Interface: the charts rise and drain, VIP first', async () => {
    await goTo('Order Interface', '[data-chart=depth]');
    await page.waitForSelector('.queue[data-priority=vip]');
    const place = async (tier: 'VIP' | 'normal') => {
      await page.click(`[role=radiogroup][aria-label=Priority] button:has-text("${tier}")`);
      await page.selectOption('select[aria-label="How many"]', String(BURST));
      await page.click(`[data-testid=place]:has-text("Place ${BURST} ${tier} orders")`);
    };

    await place('normal');
    await waitFor(
      async () => (await placements()).filter((p) => p.outcome === 'placed').length === BURST,
      'the normal burst to be placed',
      60_000,
      200,
    );
    await place('VIP');

    // Watch the page until every VIP order is completed: how many normal orders were by then.
    const normalDoneWhenVipDone = await waitFor(
      async () => {
        const list = await placements();
        const failed = list.filter((p) => p.outcome === 'failed');
        if (failed.length > 0)
          throw new Error(`${failed.length} test orders failed:\n${await feedSummary()}`);
        const done = (priority: string) => list.filter((p) => p.priority === priority && p.completed).length;
        return list.length === 2 * BURST && done('vip') === BURST ? done('normal') : undefined;
      },
      'every VIP order to be completed',
      60_000,
      100,
    ).catch(async (err: Error) => {
      throw new Error(`${err.message}; the page shows:\n${await feedSummary()}`);
    });
    expect(normalDoneWhenVipDone).toBeLessThan(BURST);
    // The queue cards (a sample a second) then show the VIP queue empty while normal orders still wait.
    const queue = (priority: string) => page.locator(`.queue[data-priority=${priority}]`);
    const figure = (priority: string, n: number) =>
      queue(priority).locator('.figures .value').nth(n).textContent();
    await waitFor(
      async () => (await figure('vip', 0)) === '0' && (await figure('vip', 1)) === '0',
      'the VIP queue card to show nothing waiting or processing',
      10_000,
      100,
    );
    expect(Number(await figure('normal', 0))).toBeGreaterThan(0);
    await shoot(page.locator('.queues'), 'queues-vip-drained');

    // Both queues drain; the depth chart saw both rise.
    const depth = page.locator('[data-chart=depth]');
    const cell = (priority: string, column: number) =>
      depth.locator(`tr[data-series=${priority}] td`).nth(column).textContent();
    await waitFor(
      async () =>
        (await placements()).filter((p) => p.completed).length === 2 * BURST &&
        (await cell('vip', 0)) === '0' &&
        (await cell('normal', 0)) === '0',
      'both queues to drain',
      60_000,
      250,
    );
    expect(Number(await cell('normal', 1))).toBeGreaterThan(0);
    expect(Number(await cell('vip', 1))).toBeGreaterThan(0);
    expect(await queue('vip').locator('[data-testid=depth]').textContent()).toBe('0');
    await shoot(page.locator('adm-queue-charts'), 'queue-charts');
  });

  it('shows the saga timeline of an order, and the log lines of its correlation id from every service', async () => {
    await page.click('adm-orders-page .feed li[data-outcome=placed]:has(.prio.vip) a');
    await page.waitForSelector('table.timeline tbody tr');
    await expect(page.locator('[data-testid=status]').textContent()).resolves.toBe('COMPLETED');
    const timeline = await page.$$eval('table.timeline tbody tr', (rows) =>
      rows.map((tr) => {
        const cells = Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim() ?? '');
        return { step: cells[1], outcome: cells[2], instance: cells[3], correlationId: cells[4] };
      }),
    );
    expect(timeline.map((e) => e.step)).toEqual([
      'ORDER_PLACED',
      'STOCK_DEDUCTED',
      'PAYMENT_AUTHORIZED',
      'CONFIRMED',
      'PROCESSING',
      'COMPLETED',
    ]);
    expect(timeline.every((e) => e.outcome === 'ok' && /^orders-/.test(e.instance))).toBe(true);
    await shoot(page.locator('section.card:has(table.timeline)'), 'saga-timeline');

    // The correlation id of the payment step: its lines come from every service the checkout went through.
    const payment = page.locator('table.timeline tbody tr:has-text("PAYMENT_AUTHORIZED") button.link');
    const correlationId = timeline[2].correlationId;
    const logs = page.locator('[data-testid=logs]');
    const services = await waitFor(
      async () => {
        await payment.click();
        await logs.locator(`h2:has-text("${correlationId}")`).waitFor();
        await logs.locator('ol.log, .notice').first().waitFor();
        const instances = await logs.locator('ol.log li code').allTextContents();
        const seen = [...new Set(instances.map((id) => id.replace(/-[^-]+$/, '')))].sort();
        return ['gateway', 'inventory', 'orders', 'payment'].every((s) => seen.includes(s))
          ? seen
          : undefined;
      },
      'log lines of gateway, inventory, orders and payment',
      20_000,
      1000,
    );
    expect(services).toEqual(expect.arrayContaining(['gateway', 'inventory', 'orders', 'payment']));
    expect(await payment.getAttribute('aria-pressed')).toBe('true');
    await shoot(logs, 'order-logs');
  });

  it('fails checkout fast while the payment provider is down, and shows the payment breaker open', async () => {
    await goTo('System Controls', 'adm-payment-outage-panel tr[data-instance^="payment"]');
    const panel = page.locator('section.card:has(adm-payment-outage-panel)');
    await applied(() => panel.locator('button[data-outage=timeout]').click());
    expect(await panel.locator('button[data-outage=timeout]').getAttribute('aria-checked')).toBe('true');

    const products = (await (await fetch(`${baseUrl}/api/products?page=1`)).json()) as {
      items: ProductDto[];
    };
    const productId = products.items.find((p) => p.available > 0)!.id;
    const checkout = async () => {
      const started = Date.now();
      const res = await fetch(`${baseUrl}/api/orders`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${shopperToken}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify({
          items: [{ productId, quantity: 1 }],
          cardNumber: SIMULATED_TEST_CARDS.approve,
        }),
      });
      const body = (await res.json()) as { code?: string; message?: string };
      return { status: res.status, code: body.code, message: body.message, ms: Date.now() - started };
    };

    // The first checkouts wait for the provider until its timeout; their failures open the breaker.
    const first = await Promise.all([checkout(), checkout()]);
    for (const c of first) {
      expect(c.status).toBe(503);
      expect(c.ms).toBeGreaterThanOrEqual(PROVIDER_TIMEOUT_MS);
    }
    const row = panel.locator('adm-payment-outage-panel tr[data-instance^="payment"]');
    await row.locator('[data-breaker=open]').waitFor({ timeout: 10_000 });

    // With the breaker open, checkout is refused without waiting for the provider.
    const fast = await checkout();
    expect(fast.status).toBe(503);
    expect(fast.ms).toBeLessThan(PROVIDER_TIMEOUT_MS);
    expect(fast.ms).toBeLessThan(CHECKOUT_RPC_TIMEOUT_MS / 10);
    expect(await row.locator('[data-breaker]').textContent()).toBe('open');
    await shoot(panel, 'payment-breaker-open');

    await applied(() => panel.locator('button[data-outage=none]').click());
  });
});
