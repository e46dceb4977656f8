import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS, OrderDetailDto, PaymentRpc, type Money } from '@shop/contracts';
import { createContext } from '@shop/common';
import { TestCluster } from '@shop/testing';
import {
  VIEWPORTS,
  ViewportName,
  horizontalOverflow,
  launchChromium,
  overflowingElements,
  screenshotPath,
} from './browser';
import { startShop } from './shop-cluster';

const APPROVE_CARD = '4242424242424242';
const VIP = DEMO_ACCOUNTS.find((a) => a.tier === 'vip')!;

/** The rules of this cluster: 10 % for VIP shoppers, 19 % tax in Germany. */
const PRICING_ENV = {
  PRICING_VIP_DISCOUNT_PERCENT: '10',
  PRICING_TAX_RATES: 'US:0,DE:19',
  PRICING_FREE_SHIPPING_FROM_MINOR: '5000',
  PRICING_STANDARD_SHIPPING_MINOR: '499',
  PRICING_EXPRESS_SHIPPING_MINOR: '1499',
};

/** Money as the storefront writes it. */
const shown = (m: Money) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: m.currency }).format(m.amountMinor / 100);

/**
 * The demo VIP shopper in Chromium against a real cluster: the landing page greets them with a VIP badge and
 * VIP prices, the cart and the checkout show the VIP discount, shipping and tax line by line, and the order
 * shows the breakdown it was charged with, whose total is what the payment service authorized. Screenshots
 * of each page at desktop and phone size go to test-artefacts/browser (vip-*.png); no page scrolls sideways
 * at 360 px.
 */
describe('VIP pricing in a browser', () => {
  let cluster: TestCluster;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let productId: string;

  beforeAll(async () => {
    ({ cluster, baseUrl } = await startShop({
      services: ['auth', 'cart', 'payment', 'orders'],
      env: { ORDER_FULFILMENT_MS: '300', ...PRICING_ENV },
    }));
    try {
      const found = (await (await fetch(`${baseUrl}/api/products?q=headphones`)).json()) as {
        items: { id: string }[];
      };
      productId = found.items[0].id;
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

  /** Screenshots the page as it is at both sizes and checks it does not scroll sideways on a phone. */
  async function capture(name: string): Promise<void> {
    for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
      await page.setViewportSize(VIEWPORTS[viewport]);
      await page.waitForTimeout(100); // one layout pass after the resize
      await page.screenshot({ path: screenshotPath(`vip-${name}`, viewport), fullPage: true });
      if (viewport === 'phone') {
        const by = await horizontalOverflow(page);
        expect({ page: name, by, elements: by > 0 ? await overflowingElements(page) : [] }).toEqual({
          page: name,
          by: 0,
          elements: [],
        });
      }
    }
    await page.setViewportSize(VIEWPORTS.desktop);
  }

  const text = (selector: string) => page.locator(selector).first().innerText();

  it('greets the VIP shopper with a VIP badge and VIP prices on the landing page', async () => {
    await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
    await page.getByLabel('E-mail').fill(VIP.email);
    await page.getByLabel('Password').fill(VIP.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector(`text=${VIP.email}`);
    await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
    await page.waitForSelector('[data-testid=vip-price]');
    expect((await text('[data-testid=vip-badge]')).trim()).toBe('VIP');
    expect(await text('[data-testid=vip-perks]')).toContain('10 % off');
    // Every card shows its list price struck through and the VIP price, 10 % less.
    const card = page.locator('sf-product-card').first();
    const list = await card.locator('del').innerText();
    const vip = await card.locator('[data-testid=vip-price]').innerText();
    const cents = (s: string) => Math.round(Number(/([\d,]+\.\d\d)/.exec(s)![1].replace(/,/g, '')) * 100);
    expect(cents(vip)).toBe(cents(list) - Math.round(cents(list) / 10));
    await capture('home');
  });

  it('prices the cart and the checkout with the VIP discount, and the order is charged its breakdown', async () => {
    await page.goto(`${baseUrl}/product/${productId}`, { waitUntil: 'networkidle' });
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('status').filter({ hasText: 'added to your cart' }).waitFor();
    await page.getByRole('link', { name: /^Cart/ }).click();
    await page.waitForSelector('.summary [data-testid=discount]');
    await page.getByLabel('Deliver to').selectOption('DE');
    await page.locator('[data-testid=shipping-express]').check();
    await page.waitForFunction(() =>
      document.querySelector('.summary dl')?.textContent?.includes('Tax (19 %, Germany)'),
    );
    await page.waitForFunction(() => !document.querySelector('.summary dl')?.classList.contains('pending'));
    expect(await text('.summary [data-testid=discount]')).toMatch(/^−\D*\d/);
    const cartTotal = await text('.summary [data-testid=total]');
    await capture('cart');

    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.waitForSelector('.summary [data-testid=total]');
    await page.waitForFunction(() => !document.querySelector('.summary dl')?.classList.contains('pending'));
    // The choice made in the cart holds at checkout, and so does the price.
    expect(await page.getByLabel('Deliver to').inputValue()).toBe('DE');
    expect(await text('.summary [data-testid=total]')).toBe(cartTotal);
    await capture('checkout');

    await page.getByLabel('Card number').fill(APPROVE_CARD);
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/orders\/[^/?]+\?placed=1/);
    await page.waitForSelector('[data-testid=breakdown]');
    const orderId = new URL(page.url()).pathname.split('/').pop()!;
    expect(await text('[data-testid=breakdown] [data-testid=total]')).toBe(cartTotal);

    const token = await page.evaluate(() => {
      for (let i = 0; i < localStorage.length; i++) {
        const token = /"accessToken":"([^"]+)"/.exec(localStorage.getItem(localStorage.key(i)!) ?? '')?.[1];
        if (token) return token;
      }
      return undefined;
    });
    const order = (await (
      await fetch(`${baseUrl}/api/orders/${orderId}`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as OrderDetailDto;
    const pricing = order.pricing!;
    expect(order.priority).toBe('vip');
    expect(pricing).toMatchObject({
      discountPercent: 10,
      shippingMethod: 'express',
      country: 'DE',
      taxRate: 1900,
    });
    expect(pricing.discount.amountMinor).toBe(Math.round(pricing.subtotal.amountMinor / 10));
    expect(order.total).toEqual(pricing.total);
    expect(shown(pricing.total)).toBe(cartTotal);
    // What the payment service authorized for the order: exactly its total.
    const payment = await cluster.observer.client.call(
      PaymentRpc.getByOrder,
      { orderId },
      createContext({ deadline: Date.now() + 10_000 }),
    );
    expect(payment).toMatchObject({ status: 'AUTHORIZED', amountMinor: pricing.total.amountMinor });
    await capture('order');
  });
});
