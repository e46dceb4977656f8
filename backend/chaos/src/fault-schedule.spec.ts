import { SERVICE_NAMES } from '@shop/contracts';
import {
  CONFIG_FAULT_SERVICES,
  PlannedFault,
  RESTART_DOWN_MS,
  SAME_SERVICE_GAP_MS,
  faultWindow,
  planFaults,
  spread,
  subtract,
} from './fault-schedule';
import { FAULT_KINDS } from './options';
import { Prng } from './prng';

const plan = (seed: string, durationS = 180, faults = [...FAULT_KINDS], kills?: number) =>
  planFaults({ durationMs: durationS * 1000, faults, instances: 2, kills }, new Prng(seed).fork('faults'));
const kills = (p: PlannedFault[]) =>
  p.filter((f): f is Extract<PlannedFault, { kind: 'kill' }> => f.kind === 'kill');

describe('planFaults', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(plan('18')).toEqual(plan('18'));
    expect(plan('18')).not.toEqual(plan('19'));
  });

  it('plans, for 3 minutes, at least 10 kills covering every service and one NATS and one PostgreSQL restart', () => {
    for (const seed of ['1', '2', '18', 'abc']) {
      const p = plan(seed);
      expect(kills(p).length).toBeGreaterThanOrEqual(10);
      expect(new Set(kills(p).map((k) => k.service))).toEqual(new Set(SERVICE_NAMES));
      expect(p.filter((f) => f.kind === 'nats')).toHaveLength(1);
      expect(p.filter((f) => f.kind === 'postgres')).toHaveLength(1);
      expect(p.some((f) => f.kind === 'latency')).toBe(true);
      expect(p.some((f) => f.kind === 'errors')).toBe(true);
    }
  });

  it('keeps every fault inside the window, in time order, on existing instances', () => {
    const p = plan('window', 600);
    const { start, end } = faultWindow(600_000);
    expect(p.map((f) => f.atMs)).toEqual([...p.map((f) => f.atMs)].sort((a, b) => a - b));
    for (const f of p) {
      expect(f.atMs).toBeGreaterThanOrEqual(start);
      expect(f.atMs).toBeLessThanOrEqual(end);
      if (f.kind === 'kill') expect(f.instanceId).toMatch(new RegExp(`^${f.service}-[12]$`));
      if ((f.kind === 'latency' || f.kind === 'errors') && f.instanceId)
        expect(f.instanceId).toMatch(new RegExp(`^${f.service}-[12]$`));
    }
  });

  it('kills nothing around a restart and never the same service twice within the gap', () => {
    for (const seed of ['1', '7', '18', '600']) {
      const p = plan(seed, 600);
      const restarts = p.filter((f) => f.kind === 'nats' || f.kind === 'postgres');
      const k = kills(p);
      for (const kill of k)
        for (const r of restarts) {
          expect(kill.atMs < r.atMs - 5000 || kill.atMs > r.atMs + RESTART_DOWN_MS + 10_000).toBe(true);
        }
      for (let i = 0; i < k.length; i++)
        for (let j = i + 1; j < k.length; j++)
          if (k[i].service === k[j].service)
            expect(k[j].atMs - k[i].atMs).toBeGreaterThanOrEqual(SAME_SERVICE_GAP_MS);
    }
  });

  it('never overlaps two injected latency or error windows, and targets services that serve requests', () => {
    const windows = plan('config', 600).filter(
      (f): f is Extract<PlannedFault, { kind: 'latency' | 'errors' }> =>
        f.kind === 'latency' || f.kind === 'errors',
    );
    expect(windows.length).toBe(10);
    for (let i = 1; i < windows.length; i++)
      expect(windows[i].atMs).toBeGreaterThanOrEqual(windows[i - 1].untilMs);
    for (const w of windows) {
      expect(CONFIG_FAULT_SERVICES).toContain(w.service);
      expect(w.untilMs - w.atMs).toBeGreaterThanOrEqual(1000);
      if (w.kind === 'errors') expect(w.errorRate).toBeGreaterThan(0);
    }
  });

  it('plans only the kinds asked for, and the number of kills asked for', () => {
    expect(plan('1', 180, ['kill'], 3).map((f) => f.kind)).toEqual(['kill', 'kill', 'kill']);
    expect(plan('1', 180, [])).toEqual([]);
    expect(new Set(plan('1', 180, ['nats', 'latency']).map((f) => f.kind))).toEqual(
      new Set(['nats', 'latency']),
    );
  });
});

describe('spans', () => {
  it('subtracts holes from a span', () => {
    expect(
      subtract({ from: 0, to: 100 }, [
        { from: 20, to: 30 },
        { from: 90, to: 120 },
      ]),
    ).toEqual([
      { from: 0, to: 20 },
      { from: 30, to: 90 },
    ]);
  });

  it('spreads times over the spans only, in order', () => {
    const spans = [
      { from: 0, to: 10 },
      { from: 50, to: 60 },
    ];
    const times = spread(spans, 6, new Prng('spread'));
    expect(times).toHaveLength(6);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const t of times) expect((t >= 0 && t <= 10) || (t >= 50 && t <= 60)).toBe(true);
  });
});

describe('planFaults on a live cluster (targets)', () => {
  const live = (seed: string, targets: Parameters<typeof planFaults>[0]['targets'], durationS = 20) =>
    planFaults(
      { durationMs: durationS * 1000, faults: ['kill', 'latency', 'errors'], instances: 2, targets },
      new Prng(seed).fork('faults'),
    );

  it('kills only services with two or more instances, and only their running instances', () => {
    const targets = {
      gateway: ['gateway-1'],
      inventory: ['inventory-1', 'inventory-3'],
      orders: ['orders-2', 'orders-5'],
      cart: ['cart-1'],
      payment: ['payment-1'],
    };
    for (const seed of ['1', '2', '18', 'abc']) {
      const k = kills(live(seed, targets));
      expect(k.length).toBeGreaterThanOrEqual(2);
      expect(new Set(k.map((f) => f.service))).toEqual(new Set(['inventory', 'orders']));
      for (const f of k) expect(targets[f.service as 'inventory' | 'orders']).toContain(f.instanceId);
    }
  });

  it('puts latency and errors only on services that run, on their instances', () => {
    const targets = { inventory: ['inventory-7'], orders: ['orders-1', 'orders-2'] };
    for (const seed of ['1', '5', '9', '18', '33']) {
      const config = live(seed, targets).filter((f) => f.kind === 'latency' || f.kind === 'errors');
      expect(config.map((f) => f.kind).sort()).toEqual(['errors', 'latency']);
      for (const f of config) {
        if (f.kind !== 'latency' && f.kind !== 'errors') continue;
        expect(['inventory', 'orders']).toContain(f.service);
        if (f.instanceId) expect(targets[f.service as 'inventory' | 'orders']).toContain(f.instanceId);
      }
    }
  });

  it('plans no kill when no service runs two instances, and nothing at all on an empty cluster', () => {
    expect(kills(live('18', { inventory: ['inventory-1'], orders: ['orders-1'] }))).toEqual([]);
    expect(live('18', {})).toEqual([]);
  });

  it('is the same plan as before for a private cluster whose ids are <service>-1..N', () => {
    const ids = Object.fromEntries(SERVICE_NAMES.map((s) => [s, [`${s}-1`, `${s}-2`]]));
    expect(
      planFaults(
        { durationMs: 180_000, faults: [...FAULT_KINDS], instances: 2, targets: ids },
        new Prng('18').fork('faults'),
      ),
    ).toEqual(plan('18'));
  });
});
