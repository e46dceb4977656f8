import { randomUUID } from 'node:crypto';
import {
  AuthTokens,
  CartDto,
  OrderDetailDto,
  OrderDto,
  OrderStatus,
  ProductPage,
  SIMULATED_TEST_CARDS,
} from '@shop/contracts';
import { randomSuffix, waitFor } from '@shop/testing';

interface Answer<T> {
  status: number;
  body: T;
}

async function call<T>(
  baseUrl: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}

function expectStatus<T>(answer: Answer<T>, status: number, what: string): T {
  if (answer.status !== status)
    throw new Error(`${what}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/**
 * What a new shopper does, through the gateway's REST API only: signs up, adds a product in stock to
 * the cart, checks the cart out with the approving test card (with an Idempotency-Key) and waits for
 * the order to be completed. Resolves with the completed order.
 */
export async function shopperJourney(baseUrl: string): Promise<OrderDetailDto> {
  const email = `journey-${randomSuffix()}@example.test`;
  const { accessToken: token } = expectStatus(
    await call<AuthTokens>(baseUrl, 'POST', '/api/auth/register', {
      body: { email, password: 'Journey123' },
    }),
    201,
    'sign-up',
  );

  const page = expectStatus(
    await call<ProductPage>(baseUrl, 'GET', '/api/products?pageSize=20&sort=name'),
    200,
    'product list',
  );
  const product = page.items.find((p) => p.available > 0);
  if (!product) throw new Error('no product in stock among the first 20');

  const cart = expectStatus(
    await call<CartDto>(baseUrl, 'POST', '/api/cart/items', {
      token,
      body: { productId: product.id, quantity: 1 },
    }),
    200,
    'add to cart',
  );
  if (cart.items.length !== 1 || cart.items[0].productId !== product.id)
    throw new Error(`the cart does not hold the product: ${JSON.stringify(cart)}`);

  const placed = expectStatus(
    await call<OrderDto>(baseUrl, 'POST', '/api/orders', {
      token,
      body: { cardNumber: SIMULATED_TEST_CARDS.approve },
      headers: { 'idempotency-key': randomUUID() },
    }),
    201,
    'checkout',
  );

  return waitFor(
    async () => {
      const order = expectStatus(
        await call<OrderDetailDto>(baseUrl, 'GET', `/api/orders/${placed.id}`, { token }),
        200,
        'order status',
      );
      if (order.status === OrderStatus.Failed) throw new Error(`the order failed: ${order.failureReason}`);
      return order.status === OrderStatus.Completed ? order : undefined;
    },
    `order ${placed.id} to complete`,
    60_000,
    200,
  );
}
