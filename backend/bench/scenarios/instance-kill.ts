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
/** The service one instance of which is killed; the orders' stock deduction goes through it too. */
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
/** Shortest measured run: the kill comes a third of the way in, with enough load after it. */
const MIN_RUN_S = 9;

type Kind = 'read' | 'order';

interface Sample {
  kind: Kind;
  start: number;
  end: number;
  /** HTTP status, or the error's name when the request got no answer. */
  status: number | string;
}

/**
 * An instance killed under load: catalogue reads (`GET /api/products`) and orders with an Idempotency-Key
 * (`POST /api/orders`, whose stock deduction the orders service sends to inventory with the order's key)
 * through the gateway against three inventory instances. The same load runs twice: once undisturbed, once
 * with one inventory instance SIGKILLed a third of the way in. The killed instance stays down: the harness
 * neither announces its departure nor restarts it, so the callers detect the death on their own (NATS's
 * no-responders answer, heartbeat silence). Printed: every request of both runs, and the requests in flight
 * during the kill window (from the kill until 2 s after it), with how many of them took longer than 1 s.
 */
export const instanceKillScenario: Scenario = {
  name: NAME,
  title: 'Instance killed under load (reads and idempotent orders), beside the same load without a kill',
  async run(ctx: ScenarioContext): Promise<void> {
    const { system, report, args } = ctx;
    const api = new Api(system.gatewayUrl);
    if (!(await api.routeExists('POST', '/api/orders'))) {
      report.skip(NAME, 'POST /api/orders is not available (404)');
      return;
    }
    const running = system.instances.filter((i) => i.service === TARGET && !i.child.exited).length;
    if (running < TARGET_INSTANCES) await system.addInstances(TARGET, TARGET_INSTANCES - running);
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
    const load = (durationS: number, during?: (startedAt: number) => Promise<void>) =>
      mixedLoad(durationS, read, order, during);

    await load(Math.max(args.warmupS, 4));
    const durationS = Math.max(args.durationS, MIN_RUN_S);
    const counted = async (run: () => Promise<Sample[]>) => {
      const before = await callerCounters(ctx);
      const samples = await run();
      const after = await callerCounters(ctx);
      return { samples, hedged: after.hedged - before.hedged, resent: after.resent - before.resent };
    };
    const calm = await counted(() => load(durationS));
    const victim = system.instances.filter((i) => i.service === TARGET && !i.child.exited).at(-1)!;
    let killedAt = 0;
    const killed = await counted(() =>
      load(durationS, async (startedAt) => {
        await sleep(Math.max(0, startedAt + (durationS * 1000) / 3 - Date.now()));
        killedAt = Date.now();
        system.kill(victim);
      }),
    );

    const inWindow = (s: Sample) => s.end >= killedAt && s.start <= killedAt + KILL_WINDOW_MS;
    for (const kind of ['read', 'order'] as const) {
      const what = kind === 'read' ? 'catalogue reads' : 'orders (Idempotency-Key)';
      const connections = kind === 'read' ? READERS : BUYERS;
      const of = (samples: Sample[]) => samples.filter((s) => s.kind === kind);
      report.load(NAME, toLoad(`${what}, no kill`, connections, durationS, of(calm.samples)));
      report.load(
        NAME,
        toLoad(`${what}, ${victim.instanceId} killed`, connections, durationS, of(killed.samples)),
      );
      const window = report.load(
        NAME,
        toLoad(
          `${what}, in flight within ${KILL_WINDOW_MS / 1000} s of the kill`,
          connections,
          KILL_WINDOW_MS / 1000,
          of(killed.samples).filter(inWindow),
        ),
      );
      report.figure({
        scenario: NAME,
        name: `${what}: failed in the kill window`,
        value: window.failed,
        unit: 'requests',
        target: { op: '<=', value: 0 },
      });
      report.figure({
        scenario: NAME,
        name: `${what}: p99 in the kill window`,
        value: window.latency.p99,
        unit: 'ms',
        target: { op: '<=', value: 1000 },
      });
      report.figure({
        scenario: NAME,
        name: `${what}: max in the kill window`,
        value: window.latency.max,
        unit: 'ms',
      });
      report.figure({
        scenario: NAME,
        name: `${what}: slower than 1 s in the kill window`,
        value: of(killed.samples)
          .filter(inWindow)
          .filter((s) => s.end - s.start > 1000).length,
        unit: 'requests',
        target: { op: '<=', value: 0 },
      });
    }
    for (const [run, counts] of [
      ['no kill', calm],
      ['kill', killed],
    ] as const) {
      report.figure({
        scenario: NAME,
        name: `reads hedged (${run} run)`,
        value: counts.hedged,
        unit: 'requests',
      });
      report.figure({
        scenario: NAME,
        name: `requests re-sent when their instance was lost (${run} run)`,
        value: counts.resent,
        unit: 'requests',
      });
    }
    report.note(
      NAME,
      `${victim.instanceId} (one of ${TARGET_INSTANCES} ${TARGET} instances) was SIGKILLed ` +
        `${round((killedAt - (killed.samples[0]?.start ?? killedAt)) / 1000, 1)} s into the run and stayed ` +
        'down (no departure announced, no restart); hedges and re-sends are counted by every caller ' +
        '(gateway, orders) and read from their heartbeats',
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
