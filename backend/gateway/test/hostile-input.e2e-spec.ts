import { CartDto, InventoryRpc, ProductPage } from '@shop/contracts';
import { createContext } from '@shop/common';
import { TestCluster } from '@shop/testing';
import { HostileCase, SweptOperation, sweptOperations } from './hostile/hostile-cases';
import { OpenApiDocument } from './hostile/openapi';
import { Identity, SweepAnswer, StatusTally, inPool, judge, sendHostile } from './hostile/sweep-runner';
import { hostileAuthorizations } from './support/hostile-tokens';
import { WholeSystem, demoAccount, login, startWholeSystem } from './support/whole-system';

jest.setTimeout(300_000);

const JWT_SECRET = 'e2e-hostile-sweep-secret-0123456789abcdef';
const CONCURRENCY = 8;

/**
 * The whole system (one instance of every service and a gateway, fresh database) swept with hostile
 * requests generated from its own OpenAPI document, so a new route is swept without changing this file:
 * every case as anonymous, as a shopper and as an admin, then every operation with expired, tampered,
 * foreign and malformed tokens and with a token in its query string. No answer may be a 5xx; every refusal
 * names the problem; nothing is lost (the shopper's cart and the stock of a product are unchanged after
 * every operation whose requests were all refused).
 */
describe('hostile-input sweep over every operation of the OpenAPI document', () => {
  let cluster: TestCluster;
  let system: WholeSystem;
  let baseUrl: string;
  let doc: OpenApiDocument;
  let productId: string;
  const tokens = { shopper: '', admin: '' };

  const call = async <T>(method: string, path: string, token?: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  };

  /** Signs the shopper and the admin in again when a request of the sweep ended their session. */
  const keepSignedIn = async () => {
    for (const role of ['shopper', 'admin'] as const) {
      const me = await fetch(`${baseUrl}/api/auth/me`, {
        headers: { authorization: `Bearer ${tokens[role]}` },
      });
      if (me.status === 200) continue;
      const account = demoAccount(role === 'admin' ? 'admin' : 'customer');
      tokens[role] = (await login(baseUrl, account.email, account.password)).accessToken;
    }
  };

  /** What the sweep must never change by a refused request: the shopper's cart and a product's stock. */
  const world = async () => {
    const cart = await call<CartDto>('GET', '/api/cart', tokens.shopper);
    const { product } = await cluster.observer.client.call(
      InventoryRpc.getProduct,
      { id: productId },
      createContext({ deadline: Date.now() + 5000 }),
    );
    return {
      cart: cart.items.map((i) => `${i.productId}×${i.quantity}`).sort(),
      stock: { onHand: product.onHand, version: product.version },
    };
  };

  beforeAll(async () => {
    cluster = await TestCluster.start({
      database: true,
      env: { JWT_SECRET, LOG_LEVEL: 'warn', BCRYPT_COST: '4' },
    });
    // The sweep sends thousands of requests from one address: the per-client limits are not under test here.
    system = await startWholeSystem(cluster, {
      RATE_LIMIT_PER_MINUTE: '10000000',
      LOG_REPORTS_PER_MINUTE: '10000000',
    });
    baseUrl = system.gateway.baseUrl;
    doc = await call<OpenApiDocument>('GET', '/api/docs-json');
    for (const role of ['shopper', 'admin'] as const) {
      const account = demoAccount(role === 'admin' ? 'admin' : 'customer');
      tokens[role] = (await login(baseUrl, account.email, account.password)).accessToken;
    }
    productId = (await call<ProductPage>('GET', '/api/products?pageSize=1&sort=name')).items[0].id;
    await call('POST', '/api/cart/items', tokens.shopper, { productId, quantity: 2 });
  }, 240_000);

  afterAll(async () => {
    await system?.sink.stop(2000);
    await cluster?.teardown();
  });

  it('answers every hostile request without a 5xx, names the problem in every refusal and loses nothing', async () => {
    const started = Date.now();
    const operations = sweptOperations(doc);
    const tally = new StatusTally();
    const failures: string[] = [];
    const record = (
      op: SweptOperation,
      c: HostileCase,
      who: string,
      answer: SweepAnswer,
      baselineOk: boolean,
    ) => {
      tally.add(answer.status);
      const problem = judge(c, answer, baselineOk);
      if (problem) failures.push(`${op.label} [${c.kind}] as ${who}: ${problem}`);
    };
    let caseCount = 0;

    for (const op of operations) {
      await keepSignedIn();
      const before = await world();
      const identities: Identity[] = [
        { name: 'anonymous' },
        { name: 'shopper', authorization: `Bearer ${tokens.shopper}` },
        { name: 'admin', authorization: `Bearer ${tokens.admin}` },
      ];
      let shopperAccepted = false;
      let adminAccepted = false;
      // The operation's valid request (ids of nothing) as each identity: what a hostile change is measured against.
      const baselineOk = new Map<string, boolean>();
      for (const who of identities) {
        const answer = await sendHostile(baseUrl, op.baseline, who);
        const c: HostileCase = { kind: 'baseline', names: [], mustRefuse: false, request: op.baseline };
        record(op, c, who.name, answer, true);
        baselineOk.set(who.name, answer.status < 400);
        if (answer.status < 300 && who.name === 'shopper') shopperAccepted = true;
        if (answer.status < 300 && who.name === 'admin') adminAccepted = true;
      }
      const runs = op.cases.flatMap((c) => identities.map((who) => ({ c, who })));
      caseCount += op.cases.length;

      // Tokens that must be refused (401 on a secured route; a public route treats the caller as anonymous).
      for (const [kind, authorization] of Object.entries(hostileAuthorizations(tokens.shopper, JWT_SECRET))) {
        runs.push({
          c: { kind, names: [], mustRefuse: op.secured, request: op.baseline },
          who: { name: 'caller', authorization },
        });
      }
      // A token in the query string counts only on event streams.
      const separator = op.baseline.path.includes('?') ? '&' : '?';
      const queryToken: HostileCase = {
        kind: 'access_token in the query',
        names: ['access_token'],
        mustRefuse: !op.eventStream,
        request: { ...op.baseline, path: `${op.baseline.path}${separator}access_token=${tokens.shopper}` },
      };
      runs.push({ c: queryToken, who: { name: 'shopper (token in the query)' } });

      await inPool(runs, CONCURRENCY, async ({ c, who }) => {
        const answer = await sendHostile(baseUrl, c.request, who);
        record(op, c, who.name, answer, baselineOk.get(who.name) ?? true);
        if (answer.status < 300 && who.name.startsWith('shopper')) shopperAccepted = true;
        if (answer.status < 300 && who.name === 'admin') adminAccepted = true;
        if (c === queryToken && !op.eventStream && answer.status !== 401)
          failures.push(`${op.label} [${c.kind}]: answered ${answer.status}, not 401`);
        if (who.name === 'caller' && op.secured && answer.status !== 401)
          failures.push(`${op.label} [${c.kind}]: answered ${answer.status}, not 401`);
      });

      await keepSignedIn();
      const after = await world();
      if (!shopperAccepted && after.cart.join() !== before.cart.join())
        failures.push(
          `${op.label}: the shopper's cart changed (${before.cart} → ${after.cart}) although every request was refused`,
        );
      if (
        !adminAccepted &&
        (after.stock.onHand !== before.stock.onHand || after.stock.version !== before.stock.version)
      )
        failures.push(`${op.label}: the stock changed although every request was refused`);
      // An operation that legitimately changed the cart (emptying it) gets it back for the next one.
      if (after.cart.length === 0)
        await call('POST', '/api/cart/items', tokens.shopper, { productId, quantity: 2 });
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `Hostile-input sweep: ${operations.length} operations, ${caseCount} hostile cases × 3 identities, ` +
        `plus bad tokens and query tokens per operation = ${tally.total} requests in ${seconds} s\n` +
        `  statuses: ${tally}\n  5xx or no answer: ${tally.count((s) => s >= 500 || s === 0)}, ` +
        `rule breaks: ${failures.length}`,
    );
    expect(failures.slice(0, 80)).toEqual([]);
    expect(tally.count((s) => s >= 500 || s === 0)).toBe(0);
    // The system is still whole: every service has its instance up.
    const health = await call<{ services: { name: string; healthy: number }[] }>(
      'GET',
      '/api/services/health',
      tokens.admin,
    );
    expect(health.services.filter((s) => s.healthy < 1).map((s) => s.name)).toEqual([]);
  });
});
