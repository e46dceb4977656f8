import { percentile } from '@shop/common';
import { LoadResult, closedLoop, httpLoad, withCpu } from '../lib/load';
import { startBareHttp, startNatsRelay, startNatsResponder } from '../lib/baselines';
import { Api } from '../lib/http';
import { rssMb, sleep } from '../lib/processes';
import { IDLE_RSS_BUDGET_MB } from '../lib/report';
import { ratio } from '../lib/stats';
import { Scenario, ScenarioContext } from './scenario';

const NAME = 'platform';
const HTTP_CONNECTIONS = 50;
const NATS_IN_FLIGHT = 64;
const ADMIN = { email: 'admin@shop.local', password: 'Admin123!' };

/** The measured runs of one round, taken in turns. */
interface Round {
  bare: LoadResult;
  full: LoadResult;
  relay: LoadResult;
  nestRelay: LoadResult;
  nats: LoadResult;
}

/**
 * One request through gateway → NATS → one inventory instance (GET /api/services/inventory/info, an
 * admin route: the request carries an admin's token, verified once and its session check cached)
 * beside a bare Node HTTP server, a raw nats.js request/reply, and a bare Fastify route relaying to the raw
 * responder (the floor of any REST-over-NATS edge here) and the same route in a one-controller Nest app,
 * all in the same run; and the resident memory of every instance when idle, after startup and after the load.
 */
export const platformScenario: Scenario = {
  name: NAME,
  title: 'Request path gateway → NATS → service beside bare baselines, and idle memory',
  async run(ctx: ScenarioContext): Promise<void> {
    const { system, report, args } = ctx;
    const idleAtStart = await measureIdleMemory(ctx, 'after ready');

    const bare = await startBareHttp(ctx.root, ctx.logDir);
    const rawSubject = `${system.prefix}_raw.echo`;
    const raw = await startNatsResponder(ctx.root, ctx.logDir, system.natsUrl, rawSubject);
    const relay = await startNatsRelay('fastify', ctx.root, ctx.logDir, system.natsUrl, rawSubject);
    const nestRelay = await startNatsRelay('nest', ctx.root, ctx.logDir, system.natsUrl, rawSubject);
    const fullUrl = `${system.gatewayUrl}/api/services/inventory/info`;
    const admin = await new Api(system.gatewayUrl).login(ADMIN.email, ADMIN.password);
    /** Headers of a request to `url`: the admin's token for the gateway, nothing for the baselines. */
    const headersFor = (url: string) => (url === fullUrl ? { authorization: `Bearer ${admin}` } : undefined);
    await checkFullPath(fullUrl, headersFor(fullUrl));

    // Warm-up (JIT, connection pools, the balancer's view) without recording.
    for (const url of [fullUrl, `${bare.url}/info`, `${relay.url}/info`, `${nestRelay.url}/info`])
      await httpLoad({
        label: 'warm-up',
        url,
        headers: headersFor(url),
        connections: HTTP_CONNECTIONS,
        durationS: args.warmupS,
      });

    const natsPid: Record<string, number> = system.natsPid ? { 'nats-server': system.natsPid } : {};
    /** One autocannon run at HTTP_CONNECTIONS, with the CPU per request of the given processes. */
    const measure = async (label: string, url: string, pids: Record<string, number | undefined>) =>
      report.load(
        NAME,
        await withCpu({ ...pids, bench: process.pid }, () =>
          httpLoad({
            label,
            url,
            headers: headersFor(url),
            connections: HTTP_CONNECTIONS,
            durationS: args.durationS,
          }),
        ),
      );
    const empty = new Uint8Array(0);
    // The runs are repeated in turns and every ratio is taken within a round: a shared machine's speed
    // drifts within minutes, so one run of each would compare two different machines.
    const rounds: Round[] = [];
    for (let r = 1; r <= args.rounds; r++) {
      const tag = args.rounds > 1 ? ` (round ${r}/${args.rounds})` : '';
      rounds.push({
        bare: await measure(`bare Node http GET /info${tag}`, `${bare.url}/info`, {
          'bare-http': bare.child.pid,
        }),
        full: await measure(`gateway → NATS → inventory GET /api/services/inventory/info${tag}`, fullUrl, {
          gateway: system.first('gateway')!.child.pid,
          inventory: system.first('inventory')!.child.pid,
          ...natsPid,
        }),
        relay: await measure(`bare Fastify → NATS → raw responder GET /info${tag}`, `${relay.url}/info`, {
          'fastify-relay': relay.child.pid,
          responder: raw.child.pid,
          ...natsPid,
        }),
        nestRelay: await measure(
          `Nest (one controller) → NATS → raw responder GET /info${tag}`,
          `${nestRelay.url}/info`,
          { 'nest-relay': nestRelay.child.pid, responder: raw.child.pid, ...natsPid },
        ),
        nats: report.load(
          NAME,
          await withCpu({ responder: raw.child.pid, ...natsPid, bench: process.pid }, () =>
            closedLoop({
              label: `raw NATS request/reply (nats.js, ${NATS_IN_FLIGHT} in flight)${tag}`,
              concurrency: NATS_IN_FLIGHT,
              durationS: args.durationS,
              operation: async () => {
                const reply = await raw.nc.request(rawSubject, empty, { timeout: 5000 });
                JSON.parse(new TextDecoder().decode(reply.data));
              },
            }),
          ),
        ),
      });
    }

    const perRound = (of: (round: Round) => number | null) => {
      const values = rounds.map(of);
      const known = values.filter((v): v is number => v !== null);
      return {
        // The middle round (the lower middle one for an even number of rounds).
        value: known.length > 0 ? percentile(known, 50) : null,
        note: rounds.length > 1 ? `median of ${values.map((v) => v ?? '?').join(', ')}` : undefined,
      };
    };
    const rpsPct = (run: keyof Round, base: keyof Round) =>
      perRound((round) => pct(ratio(round[run].rps, round[base].rps)));
    report.figure({
      scenario: NAME,
      name: 'full path / bare Node (req/s)',
      ...rpsPct('full', 'bare'),
      unit: '%',
      target: { op: '>=', value: 30 },
    });
    const rpsRatios: [string, keyof Round, keyof Round][] = [
      ['bare Fastify → NATS / bare Node (req/s)', 'relay', 'bare'],
      ['Nest → NATS / bare Fastify → NATS (req/s)', 'nestRelay', 'relay'],
      ['full path / bare Fastify → NATS (req/s)', 'full', 'relay'],
      ['full path / raw NATS (req/s)', 'full', 'nats'],
      ['raw NATS / bare Node (req/s)', 'nats', 'bare'],
    ];
    for (const [name, run, base] of rpsRatios)
      report.figure({ scenario: NAME, name, ...rpsPct(run, base), unit: '%' });
    for (const p of ['p50', 'p99'] as const)
      report.figure({
        scenario: NAME,
        name: `full path ${p} / bare Node ${p}`,
        ...perRound((round) => ratio(round.full.latency[p], round.bare.latency[p])),
        unit: 'x',
      });

    // Memory right after the load (no target), then idle again: an instance that served a burst must
    // come back under the idle budget as well.
    for (const inst of system.instances.filter((i) => ['gateway', 'inventory'].includes(i.service))) {
      report.memory.push({
        scenario: NAME,
        instanceId: inst.instanceId,
        service: inst.service,
        pid: inst.child.pid,
        phase: 'right after load',
        rssMb: await rssMb(inst.child.pid),
      });
    }
    const idleAfterLoad = await measureIdleMemory(ctx, 'after load');
    report.figure({
      scenario: NAME,
      name: 'largest idle instance RSS (after ready or after load)',
      value: Math.max(idleAtStart, idleAfterLoad),
      unit: 'MB',
      target: { op: '<=', value: IDLE_RSS_BUDGET_MB },
    });
    report.note(
      NAME,
      'bare Node, the NATS responder, both relays and every instance run as separate processes; ' +
        "autocannon and the NATS requester run in the benchmark process; all share the machine's cores. The " +
        'relay (Fastify route → reply inbox → raw responder, no headers, no Nest, no features) is the floor ' +
        'of any REST-over-NATS edge here; the Nest relay is the same route in a one-controller Nest app. ' +
        'The gateway adds rate limiting, security and CORS headers, ' +
        'correlation ids, validation, context headers on NATS, balancing, breakers and retries.',
    );
  },
};

/** Reads every instance's resident memory after `--idle` quiet seconds; returns the largest (MB). */
async function measureIdleMemory({ system, report, args }: ScenarioContext, after: string): Promise<number> {
  console.log(`  idle for ${args.idleS} s ${after} before reading memory...`);
  await sleep(args.idleS * 1000);
  let worst = 0;
  for (const inst of system.instances) {
    const mb = await rssMb(inst.child.pid);
    worst = Math.max(worst, mb ?? 0);
    report.memory.push({
      scenario: NAME,
      instanceId: inst.instanceId,
      service: inst.service,
      pid: inst.child.pid,
      phase: `idle ${args.idleS}s ${after}`,
      rssMb: mb,
    });
  }
  return worst;
}

/** Fails early, with the answer, when the route does not work (a load run of errors measures nothing). */
async function checkFullPath(url: string, headers?: Record<string, string>): Promise<void> {
  const res = await fetch(url, { headers });
  const body = await res.text();
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${body.slice(0, 300)}`);
}

function pct(r: number | null): number | null {
  return r === null ? null : Math.round(r * 1000) / 10;
}
