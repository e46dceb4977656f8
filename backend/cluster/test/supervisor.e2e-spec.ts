import { get } from 'node:http';
import { createContext } from '@shop/common';
import { ClusterHealth, platformContract } from '@shop/contracts';
import { SupervisedCluster, sleep, waitFor } from '@shop/testing';
import { alive } from './process-tree';

jest.setTimeout(240_000);

/** GET over a NEW connection each time, so node:cluster hands it to the next gateway worker. */
function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => {
        try {
          resolve(JSON.parse(body) as T);
        } catch (err) {
          reject(new Error(`${res.statusCode} ${body}: ${(err as Error).message}`));
        }
      });
    }).on('error', reject);
  });
}

/**
 * The real supervisor of `npm start` (dist/backend/cluster/src/main.js) on an isolated prefix and database:
 * two gateway workers sharing one port, two inventory instances and an auth instance (instance detail in
 * the health view is for admins, whose sessions it checks); an instance killed with SIGKILL is announced
 * gone at once and restarted under the same id; SIGTERM stops every process.
 */
describe('local cluster supervisor', () => {
  let shop: SupervisedCluster;
  let adminToken = '';
  const health = () =>
    getJson<ClusterHealth>(`${shop.baseUrl}/api/services/health`, { authorization: `Bearer ${adminToken}` });
  const pidsOf = async () =>
    (await health()).services.flatMap((s) => s.instances.map((i) => ({ id: i.instanceId, pid: i.pid })));

  beforeAll(async () => {
    shop = await SupervisedCluster.start({
      instances: { gateway: 2, inventory: 2, auth: 1 },
      env: { SEED_CATALOG: 'false' },
      readyTimeoutMs: 150_000,
      stopGraceMs: 15_000,
      // The observer does not hedge reads: only the supervisor's announcement may rescue them early.
      cluster: { observer: { hedgePercent: 0 } },
    });
    adminToken = await shop.signInAdmin();
  });

  afterAll(async () => {
    await shop?.stop();
  });

  it('runs every instance under a stable id, all healthy, and prints the URLs and demo accounts', async () => {
    const ids = await waitFor(async () => {
      const h = await health();
      const healthy = h.services.flatMap((s) => s.instances.filter((i) => i.status === 'healthy'));
      return healthy.length === 5 ? healthy.map((i) => i.instanceId).sort() : undefined;
    }, 'five healthy instances');
    expect(ids).toEqual(['auth-1', 'gateway-1', 'gateway-2', 'inventory-1', 'inventory-2']);
    const out = shop.supervisor.output();
    expect(out).toContain(`Swagger      http://localhost:${new URL(shop.baseUrl).port}/api/docs`);
    expect(out).toMatch(/admin@shop\.local\s+Admin123!/);
    expect(out).toMatch(/^\S+ inventory-1 +INFO +\[supervisor\] started \(pid \d+\)$/m);
  });

  it('shares one port between the gateway workers', async () => {
    const reporters = await waitFor(async () => {
      const seen = new Set<string>();
      for (let i = 0; i < 8; i++) seen.add((await health()).reporter);
      return seen.size === 2 ? [...seen].sort() : undefined;
    }, 'both gateway workers to answer on the shared port');
    expect(reporters).toEqual(['gateway-1', 'gateway-2']);
  });

  it('restarts an instance killed with SIGKILL under the same id, and logs the restart', async () => {
    // Whichever gateway worker answers must have heard inventory-2 (a worker that became ready just now
    // may still wait for its first heartbeat, up to 500 ms).
    const before = await waitFor(
      async () => (await pidsOf()).find((i) => i.id === 'inventory-2'),
      'a gateway worker to list inventory-2',
    );
    // inventory-2 takes requests and never answers them, so reads are waiting on it when it dies.
    const echo = platformContract('inventory').echo;
    const hang = {
      id: 'hang-inventory-2',
      service: 'inventory' as const,
      instanceId: 'inventory-2',
      hang: true,
    };
    const setHang = (on: boolean) =>
      shop.cluster.observer.config.update('e2e', (c) => {
        c.faults = on ? [{ ...hang, createdAt: new Date().toISOString(), createdBy: 'e2e' }] : [];
        return 'e2e';
      });
    await setHang(true);
    await waitFor(
      async () =>
        (await shop.cluster.requestInstance(echo, 'inventory-2', {}, 300).catch(() => 'hung')) === 'hung',
      'inventory-2 to hang',
    );
    const reads = Array.from({ length: 4 }, async () => {
      const r = await shop.cluster.observer.client.callDetailed(echo, { message: 'x' }, createContext(), {
        timeoutMs: 10_000,
      });
      return { ...r, at: Date.now() };
    });
    await sleep(200);
    const oldRun = shop.cluster.observer.registry.get('inventory-2')!.heartbeat.bootId;
    const killedAt = Date.now();
    process.kill(before.pid, 'SIGKILL');
    // The supervisor announces that run's departure: callers drop it at once (not after 2 s of silence),
    // and the reads that waited on it are answered by inventory-1.
    const answered = await Promise.all(reads);
    const rescued = answered.filter((r) => r.attempts === 2);
    expect(rescued.length).toBeGreaterThanOrEqual(1);
    for (const r of answered) expect(r.instanceId).toBe('inventory-1');
    for (const r of rescued) expect(r.at - killedAt).toBeLessThan(1000);
    const run = shop.cluster.observer.registry.get('inventory-2')!;
    // Either still the killed run, marked departed by the announcement, or already its restart.
    expect(run.left || run.heartbeat.bootId !== oldRun).toBe(true);
    await setHang(false);
    await shop.supervisor.waitForLine(
      /inventory-2 +WARN +\[supervisor\] exited \(signal SIGKILL\).*restart #1 in/,
      20_000,
    );
    const back = await waitFor(
      () => {
        const known = shop.cluster.observer.registry.get('inventory-2');
        return known && known.heartbeat.pid !== before.pid && known.heartbeat.state === 'ready'
          ? known
          : undefined;
      },
      'inventory-2 to come back with a new pid',
      60_000,
      100,
    );
    expect(back.heartbeat.instanceId).toBe('inventory-2');
    await shop.supervisor.waitForLine(
      new RegExp(`inventory-2 .*back in rotation \\(pid ${back.heartbeat.pid}\\)`),
      10_000,
    );
  });

  it('stops every instance on SIGTERM and exits 0', async () => {
    const pids = (await pidsOf()).map((i) => i.pid);
    expect(pids.length).toBe(5);
    shop.supervisor.kill('SIGTERM');
    const exit = await shop.supervisor.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(shop.supervisor.output()).toMatch(/Stopped\./);
    expect(pids.filter(alive)).toEqual([]);
  });
});
