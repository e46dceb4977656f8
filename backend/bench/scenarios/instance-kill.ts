import { randomUUID } from 'node:crypto';
import { SIMULATED_TEST_CARDS, ServiceName } from '@shop/contracts';
import { Api } from '../lib/http';
import { LoadResult } from '../lib/load';
import { sleep } from '../lib/processes';
import { round, summarize } from '../lib/stats';
import { stockUp } from '../lib/stock';
import { Scenario, ScenarioContext } from './scenario';

const NAME = 'instance-kill';
const ADMIN = { email: 'admin@shop.local', password: 'Admin123!' };
/** The service whose instances are killed and stalled; the orders' stock deduction goes through it too. */
const TARGET: ServiceName = 'inventory';
const TARGET_INSTANCES = 3;
const READERS = 10;
const BUYERS = 8;
const PRODUCTS = 20;
/**
 * Requests in flight at any time within this long after the kill form the kill window: the longest callers
 * take to notice a silent instance (DOWN_AFTER_MS).
 */
const KILL_WINDOW_MS = 2000;
/** How long the stalled instance stays frozen (SIGSTOP … SIGCONT); requests in flight meanwhile form its window. */
const STALL_MS = 3000;
/** Shortest measured run: the disturbance comes a third of the way in, with enough load after it. */
const MIN_RUN_S = 9;

type Kind = 'read' | 'order';

interface Sample {
  kind: Kind;
  start: number;
  end: number;
  /** HTTP status, or the error's name when the request got no answer. */
  status: number | string;
}

interface Run {
  samples: Sample[];
  /** Reads the callers hedged during the run. */
  hedged: number;
  /** Requests the callers re-sent because the instance they waited on was lost. */
  resent: number;
}

/**
 * An instance killed under load: catalogue reads (`GET /api/products`) and orders with an Idempotency-Key
 * (`POST /api/orders`, whose stock deduction the orders service sends to inventory with the order's key)
 * through the gateway against three inventory instances. The same load runs three times: undisturbed; with
 * one inventory instance SIGKILLed a third of the way in; and with another one frozen (SIGSTOP) for 3 s at
 * that point, then let go (SIGCONT). The killed instance stays down: the harness neither announces its
 * departure nor restarts it, so the callers detect the death on their own (NATS's no-responders answer,
 * heartbeat silence). Printed: every request of each run, the requests in flight during the kill window
 * (from the kill until 2 s after it) and the stall (its 3 s), with how many took longer than 1 s, and the
 * reads hedged and requests re-sent by the callers.
 */
export const instanceKillScenario: Scenario = {
  name: NAME,
  title:
    'Instance killed or stalled under load (reads and idempotent orders), beside the same load undisturbed',
  async run(ctx: ScenarioContext): Promise<void> {
    const { system, report, args } = ctx;
    const api = new Api(system.gatewayUrl);
    if (!(await api.routeExists('POST', '/api/orders'))) {
      report.skip(NAME, 'POST /api/orders is not available (404)');
      return;
    }
    const alive = () => system.instances.filter((i) => i.service === TARGET && !i.child.exited);
    if (alive().length < TARGET_INSTANCES)
      await system.addInstances(TARGET, TARGET_INSTANCES - alive().length);
    const admin = await api.login(ADMIN.email, ADMIN.password);
    const productIds = await stockUp(api, admin, PRODUCTS);
    const buyers = await api.registerShoppers(BUYERS, 'kill');

    const read = async (seq: number) => {
      const res = await api.call('GET', `/api/products?page=${1 + (seq % 5)}&pageSize=20`);
      return res.status;
    };
    const order = async (worker: number, seq: number) => {
      const res = await api.call('POST', '/api/orders', {
        token: buyers[worker].token,
        headers: { 'Idempotency-Key': randomUUID() },
        body: {
          items: [{ productId: productIds[seq % productIds.length], quantity: 1 }],
          cardNumber: SIMULATED_TEST_CARDS.approve,
        },
      });
      return res.status;
    };
    const durationS = Math.max(args.durationS, MIN_RUN_S);
    /** One run of the load; `disturb` is called a third of the way in and returns when the disturbance ends. */
    const run = async (disturb?: () => Promise<void>): Promise<Run & { disturbedAt: number }> => {
      const before = await callerCounters(ctx);
      let disturbedAt = 0;
      const samples = await mixedLoad(durationS, read, order, async (startedAt) => {
        if (!disturb) return;
        await sleep(Math.max(0, startedAt + (durationS * 1000) / 3 - Date.now()));
        disturbedAt = Date.now();
        await disturb();
      });
      const after = await callerCounters(ctx);
      return {
        samples,
        disturbedAt,
        hedged: after.hedged - before.hedged,
        resent: after.resent - before.resent,
      };
    };

    await mixedLoad(Math.max(args.warmupS, 4), read, order);
    const calm = await run();
    const victim = alive().at(-1)!;
    const killed = await run(async () => system.kill(victim));
    const frozen = alive().at(-1)!;
    const stalled = await run(async () => {
      frozen.child.process.kill('SIGSTOP');
      await sleep(STALL_MS);
      frozen.child.process.kill('SIGCONT');
    });

    const runs = [
      { label: 'undisturbed', run: calm },
      { label: `${victim.instanceId} killed`, run: killed, windowMs: KILL_WINDOW_MS, window: 'kill' },
      { label: `${frozen.instanceId} stalled 3 s`, run: stalled, windowMs: STALL_MS, window: 'stall' },
    ];
    for (const kind of ['read', 'order'] as const) {
      const what = kind === 'read' ? 'catalogue reads' : 'orders (Idempotency-Key)';
      const connections = kind === 'read' ? READERS : BUYERS;
      for (const { label, run: r, windowMs, window } of runs) {
        const samples = r.samples.filter((s) => s.kind === kind);
        report.load(NAME, toLoad(`${what}, ${label}`, connections, durationS, samples));
        if (!windowMs) continue;
        const inWindow = samples.filter((s) => s.end >= r.disturbedAt && s.start <= r.disturbedAt + windowMs);
        const result = report.load(
          NAME,
          toLoad(`${what}, in flight during the ${window} window`, connections, windowMs / 1000, inWindow),
        );
        // The targets are the kill's. A frozen instance sends no heartbeats, so writes waiting on it (never
        // hedged) wait until it counts as down (DOWN_AFTER_MS).
        const targets = window === 'kill';
        report.figure({
          scenario: NAME,
          name: `${what}: failed in the ${window} window`,
          value: result.failed,
          unit: 'requests',
          target: targets ? { op: '<=', value: 0 } : undefined,
        });
        report.figure({
          scenario: NAME,
          name: `${what}: p99 / max in the ${window} window`,
          value: result.latency.p99,
          unit: 'ms',
          target: targets ? { op: '<=', value: 1000 } : undefined,
          note: `max ${result.latency.max} ms`,
        });
        report.figure({
          scenario: NAME,
          name: `${what}: slower than 1 s in the ${window} window`,
          value: inWindow.filter((s) => s.end - s.start > 1000).length,
          unit: 'requests',
          target: targets ? { op: '<=', value: 0 } : undefined,
        });
      }
    }
    for (const { label, run: r } of runs) {
      report.figure({ scenario: NAME, name: `reads hedged (${label})`, value: r.hedged, unit: 'requests' });
      report.figure({
        scenario: NAME,
        name: `requests re-sent when their instance was lost (${label})`,
        value: r.resent,
        unit: 'requests',
      });
    }
    report.note(
      NAME,
      `${victim.instanceId} (one of ${TARGET_INSTANCES} ${TARGET} instances) was SIGKILLed a third of the way ` +
        'into its run and stayed down (no departure announced, no restart); ' +
        `${frozen.instanceId} was frozen for ${STALL_MS / 1000} s a third of the way into the last run. ` +
        'Hedges and re-sends are counted by every caller (gateway, orders) and read from their heartbeats.',
    );
  },
};

/**
 * Hedges and re-sends counted by every instance's RPC client so far, from their heartbeats (read a heartbeat
 * period after the load, so the last requests are counted).
 */
async function callerCounters(ctx: ScenarioContext): Promise<{ hedged: number; resent: number }> {
  await sleep(600);
  let hedged = 0;
  let resent = 0;
  for (const known of ctx.system.driver.registry.list()) {
    hedged += known.heartbeat.hedged ?? 0;
    resent += known.heartbeat.resent ?? 0;
  }
  return { hedged, resent };
}

/** Readers and buyers in closed loops for `durationS`; `during` runs beside them (e.g. the kill). */
async function mixedLoad(
  durationS: number,
  read: (seq: number) => Promise<number>,
  order: (worker: number, seq: number) => Promise<number>,
  during?: (startedAt: number) => Promise<void>,
): Promise<Sample[]> {
  const samples: Sample[] = [];
  const startedAt = Date.now();
  const until = startedAt + durationS * 1000;
  let seq = 0;
  const loop = async (kind: Kind, send: (n: number) => Promise<number>) => {
    while (Date.now() < until) {
      const start = Date.now();
      const status = await send(seq++).catch((err: Error) => err.name);
      samples.push({ kind, start, end: Date.now(), status });
    }
  };
  await Promise.all([
    ...Array.from({ length: READERS }, () => loop('read', read)),
    ...Array.from({ length: BUYERS }, (_, w) => loop('order', (n) => order(w, n))),
    during?.(startedAt),
  ]);
  return samples;
}

function toLoad(label: string, connections: number, durationS: number, samples: Sample[]): LoadResult {
  const isOk = (s: Sample) => typeof s.status === 'number' && s.status >= 200 && s.status < 300;
  const ok = samples.filter(isOk);
  const failures: Record<string, number> = {};
  for (const s of samples.filter((x) => !isOk(x)))
    failures[String(s.status)] = (failures[String(s.status)] ?? 0) + 1;
  return {
    label,
    connections,
    durationS,
    ok: ok.length,
    failed: samples.length - ok.length,
    rps: round(ok.length / durationS, 0),
    latency: summarize(ok.map((s) => s.end - s.start)),
    failures,
  };
}
