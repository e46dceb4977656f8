import type { Browser, Page } from 'playwright-core';
import { SupervisedCluster } from '@shop/testing';
import { signInAdmin } from './admin-console';
import {
  VIEWPORTS,
  horizontalOverflow,
  launchChromium,
  overflowingElements,
  screenshotPath,
  seriousAxeViolations,
} from './browser';

const PANEL = 'adm-chaos-panel';

/**
 * Chaos mode in the admin console against a cluster run by the real supervisor (isolated prefix and
 * database; the gateway serves the built console): the admin starts a short run from System Controls, sees
 * its faults and the shoppers' results come in, and each invariant passing at the end. The panel has no
 * serious axe-core finding and does not scroll sideways at 360 px, idle, running and finished.
 */
describe('chaos mode in the admin console', () => {
  let shop: SupervisedCluster;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    shop = await SupervisedCluster.start({
      instances: { gateway: 1, auth: 1, inventory: 2, cart: 1, orders: 2, payment: 1 },
      env: { LOG_LEVEL: 'warn', BCRYPT_COST: '4', RATE_LIMIT_PER_MINUTE: '100000' },
      readyTimeoutMs: 180_000,
      stopGraceMs: 20_000,
    });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: VIEWPORTS.desktop })).newPage();
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await shop?.stop();
  });

  /** The page at 360 px: no serious axe finding, nothing sticking out; back to desktop size after. */
  async function checkPhoneLayout(name: string): Promise<void> {
    await page.setViewportSize(VIEWPORTS.phone);
    try {
      await page.screenshot({ path: screenshotPath(name, 'phone'), fullPage: true });
      const overflow = await horizontalOverflow(page);
      if (overflow > 0)
        throw new Error(
          `${name} scrolls sideways by ${overflow} px: ${(await overflowingElements(page)).join(', ')}`,
        );
      expect(await seriousAxeViolations(page)).toEqual([]);
    } finally {
      await page.setViewportSize(VIEWPORTS.desktop);
    }
  }

  it('signs the admin in and shows the idle panel in System Controls', async () => {
    await signInAdmin(page, shop.baseUrl);
    await page.click('nav >> text=System Controls');
    await page.waitForSelector(`${PANEL} [data-testid=chaos-phase]:has-text("No chaos run yet")`);
    expect(await page.getAttribute(`${PANEL} [data-testid=chaos-phase]`, 'aria-live')).toBe('polite');
    await checkPhoneLayout('admin-chaos-idle');
  });

  it('starts a run, shows its faults and results live, and every invariant passing at the end', async () => {
    await page.getByLabel('Duration (seconds)').fill('12');
    await page.getByLabel('Seed (optional)').fill('browser-18');
    await page.click(`${PANEL} [data-testid=chaos-start]`);
    await page.waitForSelector(`${PANEL} [data-testid=chaos-phase]:has-text("seed browser-18")`);
    await page.waitForSelector(`${PANEL} [data-testid=chaos-faults] li`, { timeout: 30_000 });
    expect(Number(await page.textContent(`${PANEL} [data-kind=ok] dd`))).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('admin-chaos-running', 'desktop'), fullPage: true });
    await checkPhoneLayout('admin-chaos-running');

    await page.waitForSelector(`${PANEL} [data-testid=chaos-invariants]`, { timeout: 150_000 });
    const verdicts = await page.$$eval(`${PANEL} [data-testid=chaos-invariants] > li .verdict`, (els) =>
      els.map((e) => e.textContent?.trim()),
    );
    const phase = await page.textContent(`${PANEL} [data-testid=chaos-phase]`);
    if (verdicts.some((v) => v !== 'pass'))
      throw new Error(`${phase}\n${await page.textContent(`${PANEL} [data-testid=chaos-invariants]`)}`);
    expect(verdicts).toHaveLength(5);
    expect(phase).toContain('passed: every invariant holds');
    expect(await page.$$(`${PANEL} [data-testid=chaos-faults] li[data-fault=kill]`)).not.toHaveLength(0);
    expect(await page.isDisabled(`${PANEL} [data-testid=chaos-stop]`)).toBe(true);
    await page.screenshot({ path: screenshotPath('admin-chaos-passed', 'desktop'), fullPage: true });
    await checkPhoneLayout('admin-chaos-passed');
  });
});
