import {
  ChaosRunState,
  ChaosStatus,
  ClusterConfigSnapshot,
  DEMO_ACCOUNTS,
  isChaosRunOver,
} from '@shop/contracts';
import { SupervisedCluster, randomSuffix, waitFor } from '@shop/testing';

jest.setTimeout(300_000);

const DURATION_S = 15;

/**
 * Chaos mode through the admin API: the real supervisor of `npm start` (isolated prefix and database) runs a
 * short chaos run on the cluster it supervises, with generated test shoppers checking out through the
 * gateway while it kills instances of the services that run two and injects latency and errors. The run
 * stops by itself, removes exactly the faults it injected, and finds no invariant violated.
 */
describe('chaos mode through the admin API', () => {
  let shop: SupervisedCluster;
  let admin = '';
  let shopper = '';

  const start = (body: unknown, token = admin) =>
    shop.api<ChaosRunState>('POST', '/api/admin/chaos', token, body);
  const config = async () =>
    (await shop.api<ClusterConfigSnapshot>('GET', '/api/services/config', admin)).body.config;

  beforeAll(async () => {
    shop = await SupervisedCluster.start({
      instances: { gateway: 1, auth: 1, inventory: 2, cart: 1, orders: 2, payment: 1 },
      env: { BCRYPT_COST: '4' },
      readyTimeoutMs: 180_000,
      stopGraceMs: 20_000,
    });
    admin = await shop.signInAdmin();
    shopper = await shop.registerShopper(`chaos-${randomSuffix(6)}@e2e.test`, 'Chaos-Passw0rd!');
  });

  afterAll(async () => {
    await shop?.stop();
  });

  it('refuses bad input with a 400 naming the problem, shoppers with 403, and has no run yet', async () => {
    const cases: [unknown, RegExp][] = [
      [{ durationSeconds: 5 }, /durationSeconds must be at least 10/],
      [{ durationSeconds: 301 }, /durationSeconds must be at most 300/],
      [{ durationSeconds: 'long' }, /durationSeconds must be a whole number/],
      [{ durationSeconds: 20, seed: 'a b' }, /seed must be 1 to 64/],
      [{ durationSeconds: 20, faults: ['nats'] }, /faults must be a list of: kill, latency, errors/],
      [{ durationSeconds: 20, shoppers: 50 }, /shoppers/],
    ];
    for (const [body, message] of cases) {
      const res = await start(body);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(message);
    }
    expect((await start({ durationSeconds: 20 }, shopper)).status).toBe(403);
    expect((await shop.api('GET', '/api/admin/chaos', shopper)).status).toBe(403);
    expect((await start({ durationSeconds: 20 }, '')).status).toBe(401);
    const status = await shop.api<ChaosStatus>('GET', '/api/admin/chaos', admin);
    expect(status).toEqual({ status: 200, body: { run: null } });
    const stop = await shop.api('DELETE', '/api/admin/chaos', admin);
    expect(stop.status).toBe(409);
    expect(stop.body.message).toMatch(/No chaos run is going on/);
  });

  it('runs a short chaos run that kills instances, stops by itself, restores its faults and violates no invariant', async () => {
    // An operator's own fault, on a service this cluster does not run: the run must leave it in place.
    const own = await shop.api<ClusterConfigSnapshot>('POST', '/api/services/config', admin, {
      action: 'inject-fault',
      service: 'notification',
      latencyMs: 5,
    });
    expect(own.status).toBe(200);
    const ownId = own.body.config.faults.find((f) => f.service === 'notification')!.id;

    const started = await start({ durationSeconds: DURATION_S, seed: 'e2e-18' });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({
      seed: 'e2e-18',
      durationSeconds: DURATION_S,
      faultKinds: ['kill', 'latency', 'errors'],
      shoppers: 8,
      errors: [],
    });
    const id = started.body.id;
    expect(id).toMatch(/^chaos-\d{8}-\d{6}-[0-9a-f]{4}$/);
    const again = await start({ durationSeconds: DURATION_S });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(id);

    const kinds = new Set<string>();
    const run = await waitFor(
      async () => {
        const res = await shop.api<ChaosStatus>('GET', '/api/admin/chaos', admin);
        const current = res.body.run;
        for (const f of current?.faults ?? []) kinds.add(f.kind);
        return current && isChaosRunOver(current.phase) ? current : undefined;
      },
      'the chaos run to end by itself',
      150_000,
      1000,
    );
    try {
      expect(run.id).toBe(id);
      expect(run.errors).toEqual([]);
      expect(run.stoppedEarlyBy).toBeUndefined();
      const loadMs = Date.parse(run.loadStoppedAt!) - Date.parse(run.loadStartedAt!);
      expect(loadMs).toBeGreaterThanOrEqual(DURATION_S * 1000 - 100);
      expect(loadMs).toBeLessThan(DURATION_S * 1000 + 5000);

      const kills = run.faults.filter((f) => f.kind === 'kill' && f.outcome === 'done');
      expect(kills.length).toBeGreaterThanOrEqual(1);
      for (const k of kills) expect(k.description).toMatch(/^SIGKILL (inventory|orders)-[12]$/);
      expect(kills.some((k) => /serving again as pid \d+/.test(k.note))).toBe(true);
      expect(run.faults.some((f) => f.kind === 'latency' || f.kind === 'errors')).toBe(true);
      expect(run.faults.every((f) => f.outcome !== 'active')).toBe(true);

      expect(run.requests.ok).toBeGreaterThan(20);
      expect(run.orders.placed).toBeGreaterThan(0);
      expect(run.invariants?.map((i) => i.id)).toEqual([
        'no-order-lost',
        'refusals-hold',
        'no-oversell',
        'no-double-charge',
        'sagas-terminal',
      ]);
      for (const i of run.invariants ?? [])
        expect({ id: i.id, violations: i.violations, examples: i.examples }).toEqual({
          id: i.id,
          violations: 0,
          examples: [],
        });
      expect(run.invariants?.find((i) => i.id === 'no-order-lost')?.checked).toBe(run.orders.placed);
      expect(run.phase).toBe('passed');
      expect(run.configFaultsActive).toBe(0);
    } catch (err) {
      throw new Error(
        `${(err as Error).message}\n${JSON.stringify(run, null, 2)}\n${shop.supervisor.tail(4000)}`,
      );
    }
    // The active faults were shown while the run went on (the stream and GET read the same state).
    expect(kinds.has('kill')).toBe(true);

    // Exactly the run's faults are gone: the operator's own stays.
    expect((await config()).faults.map((f) => f.id)).toEqual([ownId]);
    await shop.api('POST', '/api/services/config', admin, { action: 'clear-fault', faultId: ownId });
  });

  it('stops a run early on DELETE, and still checks it', async () => {
    const started = await start({ durationSeconds: 60, faults: [] });
    expect(started.status).toBe(202);
    await waitFor(
      async () =>
        (await shop.api<ChaosStatus>('GET', '/api/admin/chaos', admin)).body.run?.phase === 'running',
      'the run to start its load',
      30_000,
      250,
    );
    const stopped = await shop.api<ChaosRunState>('DELETE', '/api/admin/chaos', admin);
    expect(stopped.status).toBe(200);
    expect(stopped.body.stoppedEarlyBy).toBe(DEMO_ACCOUNTS.find((a) => a.role === 'admin')!.email);
    const run = await waitFor(
      async () => {
        const current = (await shop.api<ChaosStatus>('GET', '/api/admin/chaos', admin)).body.run;
        return current && isChaosRunOver(current.phase) ? current : undefined;
      },
      'the stopped run to be checked',
      90_000,
      500,
    );
    expect(run.faults).toEqual([]);
    expect(Date.parse(run.loadStoppedAt!) - Date.parse(run.loadStartedAt!)).toBeLessThan(30_000);
    expect(run.phase).toBe('passed');
  });
});
