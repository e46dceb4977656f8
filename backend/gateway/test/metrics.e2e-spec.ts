import { randomUUID } from 'node:crypto';
import {
  OrderDto,
  ProductPage,
  SERVICE_NAMES,
  SIMULATED_TEST_CARDS,
  ScrapeTargetGroup,
} from '@shop/contracts';
import { MetricFamily, TestCluster, parsePrometheusText, sampleValue, waitFor } from '@shop/testing';
import { WholeSystem, demoAccount, login, startWholeSystem } from './support/whole-system';

jest.setTimeout(240_000);

const JWT_SECRET = 'e2e-metrics-secret-0123456789abcdef01';

/**
 * Prometheus metrics end to end: one real instance of every service and a gateway; the admin API lists every
 * instance's scrape target, and each target's /metrics is valid Prometheus text with the instance's labels and
 * the metrics of what it does (RPC latency, breakers, queue, saga outcomes, outbox lag, cache).
 */
describe('Prometheus metrics of every instance', () => {
  let cluster: TestCluster;
  let system: WholeSystem;
  let baseUrl: string;
  let admin: string;
  let shopper: string;

  const get = (path: string, token?: string) =>
    fetch(`${baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  /** The scrape targets the admin API lists, one group per instance. */
  const targets = async (): Promise<ScrapeTargetGroup[]> => {
    const res = await get('/api/metrics/targets', admin);
    expect(res.status).toBe(200);
    return (await res.json()) as ScrapeTargetGroup[];
  };

  const scrape = async (target: string): Promise<MetricFamily[]> => {
    const res = await fetch(`http://${target}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(await res.text());
  };

  beforeAll(async () => {
    cluster = await TestCluster.start({
      database: true,
      env: { JWT_SECRET, LOG_LEVEL: 'warn', BCRYPT_COST: '4', ORDER_FULFILMENT_MS: '200' },
    });
    system = await startWholeSystem(cluster);
    baseUrl = system.gateway.baseUrl;
    const account = demoAccount('admin');
    admin = (await login(baseUrl, account.email, account.password)).accessToken;
    const customer = demoAccount('customer');
    shopper = (await login(baseUrl, customer.email, customer.password, '10.200.0.2')).accessToken;
  }, 240_000);

  afterAll(async () => {
    await system?.sink.stop(2000);
    await cluster?.teardown();
  });

  it('lists the scrape targets for admins only', async () => {
    expect((await get('/api/metrics/targets')).status).toBe(401);
    expect((await get('/api/metrics/targets', shopper)).status).toBe(403);
    const groups = await waitFor(async () => {
      const all = await targets();
      return SERVICE_NAMES.every((s) => all.some((g) => g.labels.service === s)) ? all : undefined;
    }, 'a scrape target of every service');
    for (const group of groups) {
      expect(group.targets).toEqual([expect.stringMatching(/^[^:]+:\d+$/)]);
      expect(group.labels.liveness).toBe('alive');
    }
  });

  it("serves every instance's /metrics as valid Prometheus text with its own labels", async () => {
    const groups = await targets();
    expect(groups.length).toBeGreaterThanOrEqual(SERVICE_NAMES.length);
    for (const group of groups) {
      const families = await scrape(group.targets[0]);
      const labels = { service: group.labels.service, instance_id: group.labels.instance_id };
      expect({
        target: group.targets[0],
        inFlight: sampleValue(families, 'shop_rpc_in_flight', labels),
      }).toEqual({
        target: group.targets[0],
        inFlight: expect.any(Number),
      });
      const names = families.map((f) => f.name);
      expect(names).toEqual(
        expect.arrayContaining([
          'shop_rpc_server_duration_seconds',
          'shop_rpc_client_duration_seconds',
          'shop_circuit_breaker_state',
          'shop_process_resident_memory_bytes',
        ]),
      );
    }
  });

  it('counts what the instances did: RPC latency, breakers, saga outcome, queue, outbox and cache', async () => {
    // Eventual consistency: catalogue reads go through the inventory instance's cache.
    const switched = await fetch(`${baseUrl}/api/services/config`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'set-consistency', consistency: 'eventual' }),
    });
    expect(switched.status).toBe(200);
    const products = await waitFor(async () => {
      const res = await get('/api/products?pageSize=5&sort=name');
      const page = (await res.json()) as ProductPage;
      return page.servedBy.source === 'cache' ? page : undefined;
    }, 'a catalogue page served from the cache');
    const placed = await fetch(`${baseUrl}/api/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${shopper}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        items: [{ productId: products.items[0].id, quantity: 1 }],
        cardNumber: SIMULATED_TEST_CARDS.approve,
      }),
    });
    expect(placed.status).toBe(201);
    expect(((await placed.json()) as OrderDto).status).not.toBe('FAILED');

    const groups = await targets();
    const of = (service: string) => groups.find((g) => g.labels.service === service)!;
    const gateway = await scrape(of('gateway').targets[0]);
    const inventoryId = of('inventory').labels.instance_id;
    // The gateway called inventory through its breaker for that instance, which stayed closed.
    expect(sampleValue(gateway, 'shop_circuit_breaker_state', { peer: inventoryId, state: 'closed' })).toBe(
      1,
    );
    expect(sampleValue(gateway, 'shop_circuit_breaker_state', { peer: inventoryId, state: 'open' })).toBe(0);
    const sent = gateway.find((f) => f.name === 'shop_rpc_client_duration_seconds')!;
    expect(sent.type).toBe('HISTOGRAM');
    expect(
      sent.metrics.some((m: MetricFamily['metrics'][number]) => Number(m.buckets?.['+Inf'] ?? 0) > 0),
    ).toBe(true);

    const orders = await waitFor(async () => {
      const families = await scrape(of('orders').targets[0]);
      return sampleValue(families, 'shop_saga_outcomes_total', { outcome: 'confirmed', reason: 'none' }) === 1
        ? families
        : undefined;
    }, 'the confirmed saga to be counted');
    for (const priority of ['vip', 'normal'])
      expect(sampleValue(orders, 'shop_queue_depth', { priority })).toEqual(expect.any(Number));
    expect(sampleValue(orders, 'shop_outbox_lag_seconds', { schema: 'orders' })).toBeGreaterThanOrEqual(0);
    expect(orders.find((f) => f.name === 'shop_queue_wait_seconds')?.type).toBe('HISTOGRAM');

    const inventory = await scrape(of('inventory').targets[0]);
    const hits = sampleValue(inventory, 'shop_catalog_cache_requests_total', { result: 'hit' });
    const misses = sampleValue(inventory, 'shop_catalog_cache_requests_total', { result: 'miss' });
    expect(hits).toBeGreaterThan(0);
    expect(misses).toBeGreaterThan(0);
  });
});
