import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  OrderDto,
  PaymentRpc,
  PriceBreakdown,
  PriceQuoteDto,
  PricingSummaryDto,
  ProductDto,
  ShippingMethod,
} from '@shop/contracts';
import { createContext } from '@shop/common';
import { StartedGateway, TestCluster } from '@shop/testing';
import {
  Api,
  CARDS,
  SCRIPTS,
  Shoppers,
  openDatabase,
  setStock,
  signInDemoAccounts,
  someProducts,
} from './orders-harness';

jest.setTimeout(120_000);

/** The rules this cluster runs with (the same for every instance). */
const PRICING_ENV = {
  PRICING_VIP_DISCOUNT_PERCENT: '10',
  PRICING_TAX_RATES: 'US:0,DE:19',
  PRICING_DEFAULT_TAX_PERCENT: '15',
  PRICING_DEFAULT_COUNTRY: 'US',
  PRICING_FREE_SHIPPING_FROM_MINOR: '5000',
  PRICING_STANDARD_SHIPPING_MINOR: '499',
  PRICING_EXPRESS_SHIPPING_MINOR: '1499',
};
const TAX_RATE: Record<string, number> = { US: 0, DE: 1900 };

/**
 * Pricing through the real gateway, auth, inventory, cart, payment and orders processes: the breakdown an
 * order stores is the one its cart was quoted, and its total is exactly what the payment authorized, for a
 * normal and a VIP shopper sending to two countries.
 */
describe('pricing rules (real processes)', () => {
  let cluster: TestCluster;
  let gateway: StartedGateway;
  let api: Api;
  let users: Shoppers;
  let products: ProductDto[];
  let db: DataSource;

  beforeAll(async () => {
    cluster = await TestCluster.start({
      database: true,
      env: { LOG_LEVEL: 'warn', BCRYPT_COST: '6', ORDER_FULFILMENT_MS: '300', ...PRICING_ENV },
    });
    await Promise.all([
      cluster.startInstance({ service: 'auth', script: SCRIPTS.auth, readyTimeoutMs: 90_000 }),
      cluster.startInstance({ service: 'inventory', script: SCRIPTS.inventory, readyTimeoutMs: 90_000 }),
      cluster.startInstance({ service: 'payment', script: SCRIPTS.payment, readyTimeoutMs: 90_000 }),
      cluster.startInstance({ service: 'cart', script: SCRIPTS.cart, readyTimeoutMs: 90_000 }),
      cluster.startInstance({ service: 'orders', script: SCRIPTS.orders, readyTimeoutMs: 90_000 }),
    ]);
    gateway = await cluster.startGateway().catch((err: Error) => {
      throw new Error(`${err.message}\n${cluster.diagnostics()}`);
    });
    api = new Api(gateway.baseUrl);
    users = await signInDemoAccounts(gateway);
    products = await someProducts(cluster, 4);
    for (const p of products) await setStock(cluster, p.id, 50);
    db = await openDatabase(cluster.database!.url);
  }, 240_000);

  afterAll(async () => {
    await db?.destroy();
    await cluster?.teardown();
  });

  const authorized = (orderId: string) =>
    cluster.observer.client.call(
      PaymentRpc.getByOrder,
      { orderId },
      createContext({ deadline: Date.now() + 10_000 }),
    );

  it('publishes the rules it prices by', async () => {
    const res = await api.request<PricingSummaryDto>('GET', '/api/pricing');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      vipDiscountPercent: 10,
      freeShippingFrom: { amountMinor: 5000 },
      standardShipping: { amountMinor: 499 },
      expressShipping: { amountMinor: 1499 },
      defaultTaxRate: 1500,
      taxRates: { US: 0, DE: 1900 },
    });
  });

  it.each([
    ['normal', 'US', 'standard', 1],
    ['normal', 'DE', 'express', 2],
    ['vip', 'US', 'express', 1],
    ['vip', 'DE', 'standard', 3],
  ] as const)(
    'a %s shopper sending to %s (%s): the order stores the quoted breakdown and payment authorizes its total',
    async (who, country, shippingMethod: ShippingMethod, quantity) => {
      const token = users[who];
      const product = products[quantity];
      await api.request('DELETE', '/api/cart', { token });
      const added = await api.request('POST', '/api/cart/items', {
        token,
        body: { productId: product.id, quantity },
      });
      expect(added.status).toBe(200);

      const quote = await api.request<PriceQuoteDto>(
        'GET',
        `/api/pricing/quote?destinationCountry=${country}&shippingMethod=${shippingMethod}`,
        { token },
      );
      expect(quote.status).toBe(200);
      expect(quote.body.vip).toBe(who === 'vip');
      const quoted = quote.body.breakdown;
      expectAddsUp(quoted, product.price.amountMinor * quantity, who === 'vip', country, shippingMethod);

      const placed = await api.placeOrder(token, randomUUID(), {
        cardNumber: CARDS.approve,
        destinationCountry: country,
        shippingMethod,
      });
      expect(placed.status).toBe(201);
      const order = placed.body as unknown as OrderDto;
      expect(order.priority).toBe(who === 'vip' ? 'vip' : 'normal');
      expect(order.pricing).toEqual(quoted);
      expect(order.total).toEqual(quoted.total);

      const payment = await authorized(order.id);
      expect(payment).toMatchObject({
        status: 'AUTHORIZED',
        amountMinor: quoted.total.amountMinor,
        currency: quoted.total.currency,
      });

      // What the orders table holds for it: the same breakdown and total.
      const [row] = (await db.query(
        `SELECT total_minor, pricing, destination_country, shipping_method FROM orders.orders WHERE id = $1`,
        [order.id],
      )) as {
        total_minor: string;
        pricing: PriceBreakdown;
        destination_country: string;
        shipping_method: string;
      }[];
      expect(row).toEqual({
        total_minor: String(payment!.amountMinor),
        pricing: quoted,
        destination_country: country,
        shipping_method: shippingMethod,
      });
      const fetched = await api.request<OrderDto>('GET', `/api/orders/${order.id}`, { token });
      expect(fetched.body.pricing).toEqual(quoted);
    },
  );

  it('charges a VIP shopper less than a normal shopper for the same order', async () => {
    const items = [{ productId: products[0].id, quantity: 2 }];
    const place = async (token: string) => {
      const res = await api.placeOrder(token, randomUUID(), {
        items,
        cardNumber: CARDS.approve,
        destinationCountry: 'DE',
      });
      expect(res.status).toBe(201);
      return res.body as unknown as OrderDto;
    };
    const normal = await place(users.normal);
    const vip = await place(users.vip);
    const subtotal = products[0].price.amountMinor * 2;
    expect(normal.pricing?.subtotal.amountMinor).toBe(subtotal);
    expect(vip.pricing?.subtotal.amountMinor).toBe(subtotal);
    expect(normal.pricing?.discount.amountMinor).toBe(0);
    expect(vip.pricing?.discount.amountMinor).toBe(Math.round(subtotal / 10));
    expect(vip.total.amountMinor).toBeLessThan(normal.total.amountMinor);
    expect((await authorized(vip.id))?.amountMinor).toBe(vip.total.amountMinor);
    expect((await authorized(normal.id))?.amountMinor).toBe(normal.total.amountMinor);
  });

  it.each([
    [{ destinationCountry: 'XX' }, /destinationCountry must be an ISO 3166-1 alpha-2 country code/],
    [{ destinationCountry: 'germany' }, /destinationCountry must be/],
    [{ shippingMethod: 'overnight' }, /shippingMethod must be one of standard, express/],
    [
      {
        destinationCountry: 'DE',
        shippingAddress: { name: 'A', line1: '1 Road', city: 'Paris', postalCode: '75001', country: 'FR' },
      },
      /destinationCountry \(DE\) differs from shippingAddress\.country \(FR\)/,
    ],
  ])('refuses a checkout with %j by a 400 naming the field, and places nothing', async (extra, message) => {
    const before = (await db.query(`SELECT count(*)::int AS n FROM orders.orders`)) as { n: number }[];
    const res = await api.placeOrder(users.normal, randomUUID(), {
      items: [{ productId: products[0].id, quantity: 1 }],
      cardNumber: CARDS.approve,
      ...extra,
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(message);
    const after = (await db.query(`SELECT count(*)::int AS n FROM orders.orders`)) as { n: number }[];
    expect(after[0].n).toBe(before[0].n);
  });

  it('refuses a quote for a bad country or shipping method by a 400 naming it', async () => {
    const badCountry = await api.request('GET', '/api/pricing/quote?destinationCountry=ZZ', {
      token: users.vip,
    });
    expect(badCountry.status).toBe(400);
    expect(JSON.stringify(badCountry.body)).toMatch(/destinationCountry must be/);
    const badMethod = await api.request('GET', '/api/pricing/quote?shippingMethod=drone', {
      token: users.vip,
    });
    expect(badMethod.status).toBe(400);
    expect(JSON.stringify(badMethod.body)).toMatch(/shippingMethod must be one of/);
    expect((await api.request('GET', '/api/pricing/quote')).status).toBe(401);
  });
});

/** The breakdown follows the configured rules, computed here by hand. */
function expectAddsUp(
  b: PriceBreakdown,
  subtotal: number,
  vip: boolean,
  country: string,
  shippingMethod: ShippingMethod,
): void {
  const discount = vip ? Math.round(subtotal * 0.1) : 0;
  const goods = subtotal - discount;
  const shipping = shippingMethod === 'express' ? 1499 : goods >= 5000 ? 0 : 499;
  const tax = Math.round((goods * TAX_RATE[country]) / 10_000);
  expect(b).toMatchObject({
    subtotal: { amountMinor: subtotal },
    discount: { amountMinor: discount },
    shipping: { amountMinor: shipping },
    shippingMethod,
    tax: { amountMinor: tax },
    taxRate: TAX_RATE[country],
    country,
    total: { amountMinor: goods + shipping + tax },
  });
}
