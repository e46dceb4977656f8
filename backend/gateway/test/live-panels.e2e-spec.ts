import {
  CacheStateFeed,
  ClusterConfigFeed,
  DEMO_ACCOUNTS,
  LiveStreamPath,
  QueueMetricsDto,
} from '@shop/contracts';
import {
  OpenStream,
  StartedGateway,
  StreamedEvent,
  TestCluster,
  openEventStream,
  waitFor,
} from '@shop/testing';
import { login } from './support/whole-system';

jest.setTimeout(120_000);

const JWT_SECRET = 'e2e-live-panels-secret-0123456789abcd';

/**
 * The admin console's live panels end to end: the real gateway streams queue metrics from a real orders
 * instance, the cache figures of two real inventory instances and the cluster configuration with who
 * changed what, as server-sent events, to admins only.
 */
describe('live panel streams through the gateway', () => {
  let cluster: TestCluster;
  let gateway: StartedGateway;
  let inventoryIds: string[];
  let admin: string;
  let shopper: string;
  const adminEmail = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!.email;
  const streams: OpenStream[] = [];

  const open = async (path: string): Promise<OpenStream> => {
    const stream = await openEventStream(gateway.baseUrl, path, admin);
    streams.push(stream);
    return stream;
  };
  const ofType = <T>(stream: OpenStream, type: string) =>
    stream.events.filter((e: StreamedEvent) => e.type === type).map((e) => e.data as T);

  beforeAll(async () => {
    cluster = await TestCluster.start({ database: true, env: { JWT_SECRET } });
    try {
      const [started, inventories] = await Promise.all([
        cluster.startGateway(),
        Promise.all(
          [1, 2].map((n) =>
            cluster.startInstance({
              service: 'inventory',
              instanceId: `inventory-${n}-${cluster.prefix}`,
              script: 'backend/inventory/src/main.js',
              readyTimeoutMs: 90_000,
            }),
          ),
        ),
        cluster.startInstance({
          service: 'auth',
          script: 'backend/auth/src/main.js',
          readyTimeoutMs: 90_000,
        }),
        cluster.startInstance({
          service: 'orders',
          script: 'backend/orders/src/main.js',
          readyTimeoutMs: 90_000,
        }),
      ]);
      gateway = started;
      inventoryIds = inventories.map((i) => i.name);
      const signIn = async (role: 'admin' | 'customer') => {
        const account = DEMO_ACCOUNTS.find((a) => a.role === role && a.tier === 'normal')!;
        // The auth instance may join before it has seeded the demo accounts.
        const tokens = await waitFor(
          () => login(gateway.baseUrl, account.email, account.password).catch(() => undefined),
          `${account.email} to sign in`,
          30_000,
          250,
        );
        return tokens.accessToken;
      };
      admin = await signIn('admin');
      shopper = await signIn('customer');
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${cluster.diagnostics()}`);
    }
  });

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await cluster?.teardown();
  });

  it.each(Object.values(LiveStreamPath))(
    '%s is for admins only (401 without a token, 403 for a shopper)',
    async (path) => {
      const anonymous = await fetch(`${gateway.baseUrl}${path}`);
      await anonymous.body?.cancel();
      const asShopper = await fetch(`${gateway.baseUrl}${path}?access_token=${encodeURIComponent(shopper)}`);
      const body = (await asShopper.json()) as { code: string };
      expect([anonymous.status, asShopper.status, body.code]).toEqual([401, 403, 'FORBIDDEN']);
      await expect(openEventStream(gateway.baseUrl, path, shopper)).rejects.toThrow(/403/);
    },
  );

  it('streams the priority queue metrics once a second, the first at once', async () => {
    const stream = await open(LiveStreamPath.Queues);
    expect(stream.events[0].type).toBe('queues');
    await waitFor(() => ofType<QueueMetricsDto>(stream, 'queues').length >= 3 || undefined, 'three samples');
    const samples = ofType<QueueMetricsDto>(stream, 'queues');
    for (const sample of samples) {
      expect(sample.queues.map((q) => q.priority).sort()).toEqual(['normal', 'vip']);
      expect(sample.workers.instanceId).toMatch(/^orders-/);
    }
    const times = samples.map((s) => Date.parse(s.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Set(times).size).toBe(times.length);
    stream.close();
  });

  it('streams the cache figures of every live inventory instance', async () => {
    const stream = await open(LiveStreamPath.Cache);
    const feed = await waitFor(() => {
      const latest = ofType<CacheStateFeed>(stream, 'cache').at(-1);
      return latest && latest.instances.length === inventoryIds.length ? latest : undefined;
    }, 'both inventory instances in a cache event');
    expect(feed.instances.map((c) => c.instanceId)).toEqual([...inventoryIds].sort());
    for (const c of feed.instances)
      expect(c).toMatchObject({ entries: expect.any(Number), ttlMs: expect.any(Number) });
    stream.close();
  });

  it('streams the configuration at once and again after a change, with who made it', async () => {
    const first = await open(LiveStreamPath.Config);
    const second = await open(LiveStreamPath.Config);
    const before = ofType<ClusterConfigFeed>(first, 'config')[0];
    expect(before.snapshot.config.consistency).toBe('strong');
    const res = await fetch(`${gateway.baseUrl}/api/services/config`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'set-consistency', consistency: 'eventual' }),
    });
    expect(res.status).toBe(200);
    const revision = ((await res.json()) as ClusterConfigFeed['snapshot']).revision;
    for (const stream of [first, second]) {
      const after = await waitFor(
        () => ofType<ClusterConfigFeed>(stream, 'config').find((f) => f.snapshot.revision === revision),
        `revision ${revision} on every open stream`,
      );
      expect(after.snapshot.config.consistency).toBe('eventual');
      expect(after.history[0]).toMatchObject({ revision, by: adminEmail });
      expect(after.history[0].summary).toMatch(/eventual/);
    }
    first.close();
    second.close();
  });
});
