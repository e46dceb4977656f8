import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freeLocalPort } from '../../cluster/src/infrastructure/embedded-postgres';
import { MAIL_CONSUMER, MAILED_EVENTS } from '../../notification/src/mail/order-mail';
import {
  SCHEMA_FILE,
  compareSchemas,
  fetchApiDocument,
  readCommittedSchema,
  renderClientSchema,
  writeSchema,
} from './api/api-schema';
import { createShopApi } from './api/shop-client';
import { Auditor } from './checks/auditor';
import { SETTLE_MS, settle } from './checks/settle';
import {
  InvariantResult,
  checkContract,
  checkEventsExactlyOnce,
  checkNo5xx,
  checkNoDoubleCharge,
  checkNoOrderLost,
  checkNoOversell,
  checkRefusalsHold,
  checkReservations,
  checkSagasTerminal,
} from './checks/invariants';
import { HoldState } from './checks/snapshot';
import { ClusterProcess, plannedInstanceIds } from './cluster-process';
import { ClusterWatch } from './cluster-watch';
import { describeFault, planFaults } from './fault-schedule';
import { FaultRunner } from './faults/fault-runner';
import { PrivateInfrastructure } from './infrastructure/private-infrastructure';
import { cleanUpEarlierRuns, isRunning, removeRunState, writeRunState } from './leftovers';
import { sleep } from './load/caller';
import { Restock } from './load/ledger';
import { Recorder } from './load/recorder';
import { Restocker } from './load/restocker';
import { HOT_PRODUCTS, HOT_STOCK, prepareShop } from './load/setup';
import { ChaosOptions } from './options';
import { Prng } from './prng';
import { progressLine } from './report/progress';
import { ChaosReport, buildReport, renderMarkdown } from './report/report';

export const ROOT = resolve(__dirname, '../../../..');
const CHAOS_DIR = join(ROOT, '.data/chaos');
const STARTUP_TIMEOUT_MS = 240_000;
const PROGRESS_EVERY_MS = 5000;

type Say = (line: string) => void;

/** Everything the run started, stopped in reverse order at the end, on failure and on Ctrl-C. */
class Teardown {
  cluster?: ClusterProcess;
  watch?: ClusterWatch;
  auditor?: Auditor;
  infra?: PrivateInfrastructure;
  private done?: Promise<void>;

  run(say: Say): Promise<void> {
    this.done ??= (async () => {
      await this.auditor?.close();
      if (this.cluster?.running) say('Stopping the cluster (every instance gets up to 8 s)...');
      await this.cluster?.stop();
      await this.watch?.stop();
      if (this.infra) say('Stopping the private NATS and PostgreSQL...');
      await this.infra?.stop();
    })();
    return this.done;
  }
}

/** Runs one chaos run and returns its report (the caller prints it and sets the exit code). */
export async function runChaos(options: ChaosOptions, say: Say): Promise<ChaosReport> {
  const started = new Date();
  const runId = `${started.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-${options.seed.replace(/[^A-Za-z0-9]/g, '').slice(0, 12) || 'x'}`;
  const runsDir = join(CHAOS_DIR, 'runs');
  const runDir = join(runsDir, runId);
  const logDir = join(runDir, 'logs');
  for (const line of cleanUpEarlierRuns(runsDir, 10)) say(`Stopped a leftover of an earlier run: ${line}`);
  mkdirSync(logDir, { recursive: true });
  // The servers' data in a temporary folder that the postgres user can enter (PostgreSQL refuses to run as
  // root, so the embedded one runs as that user; a project folder under a private home would be closed to it).
  const infraDir = mkdtempSync(join(tmpdir(), `chaos-${runId}-`));
  chmodSync(infraDir, 0o755);
  writeRunState(runDir, { pids: { runner: process.pid }, infraDir });
  const rng = new Prng(options.seed);
  const teardown = new Teardown();
  const onSignal = (signal: string) => {
    say(`\n${signal}: stopping everything the run started...`);
    void teardown.run(say).then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);

  const runErrors: string[] = [];
  const loadStart = loadavg();
  const recorder = new Recorder(Date.now());
  let report: ChaosReport;
  try {
    say(`Run ${runId}: seed ${options.seed}; logs in ${logDir}`);
    say('Starting a private NATS server and PostgreSQL...');
    teardown.infra = await PrivateInfrastructure.start(infraDir, join(logDir, 'infrastructure.log'));
    const infra = teardown.infra.ready;
    const databaseUrl = infra.postgresUrl.replace(/\/postgres$/, '/shop');
    const prefix = `chaos_${runId.replace(/[^A-Za-z0-9]/g, '_').toLowerCase()}`;
    const port = await freeLocalPort();
    const smtpSinkPort = await freeLocalPort();
    say(
      `  NATS ${infra.natsUrl} (pid ${infra.natsPid}), PostgreSQL ${infra.postgresUrl} (pid ${infra.postgresPid})`,
    );

    teardown.watch = await ClusterWatch.start(infra.natsUrl, prefix);
    const ids = plannedInstanceIds(options.instances);
    say(`Starting the cluster (${ids.length} instances, prefix ${prefix}, gateway port ${port})...`);
    teardown.cluster = ClusterProcess.start({
      root: ROOT,
      natsUrl: infra.natsUrl,
      databaseUrl,
      prefix,
      port,
      smtpSinkPort,
      instances: options.instances,
      logFile: join(logDir, 'cluster.log'),
    });
    const cluster = teardown.cluster;
    const saveState = () =>
      writeRunState(runDir, {
        pids: {
          runner: process.pid,
          infraHost: teardown.infra?.hostPid,
          nats: teardown.infra?.pids.nats,
          postgres: teardown.infra?.pids.postgres,
          supervisor: cluster.pid,
        },
        infraDir,
      });
    saveState();
    teardown.infra.onRestart = saveState;
    const ready = await Promise.race([
      teardown.watch.waitServing(ids, STARTUP_TIMEOUT_MS),
      cluster.whenExited().then(() => false),
    ]);
    if (!ready)
      throw new Error(
        `the cluster did not start within ${STARTUP_TIMEOUT_MS / 1000} s (missing: ${teardown.watch.missing(ids).join(', ')}; see ${join(logDir, 'cluster.log')})`,
      );
    say(`  every instance is serving after ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s`);

    const baseUrl = `http://127.0.0.1:${port}`;
    const served = await renderClientSchema(await fetchApiDocument(baseUrl));
    let contract = compareSchemas(readCommittedSchema(), served);
    if (!contract.same && options.writeSchema) {
      writeSchema(served);
      say(`Wrote ${SCHEMA_FILE} from the gateway's /api/docs-json`);
      contract = { same: true };
    }
    if (!contract.same)
      say(
        `WARNING: the committed client schema differs from /api/docs-json (line ${contract.difference?.line})`,
      );

    const api = createShopApi(baseUrl);
    let stopped = false;
    say(
      `Setting up: ${options.shoppers} shoppers, ${HOT_PRODUCTS} hot products with ${HOT_STOCK} units each...`,
    );
    const { admin, catalogue, shoppers, orders } = await prepareShop({
      api,
      recorder,
      rng,
      runId,
      shoppers: options.shoppers,
      thinkMs: options.thinkMs,
      stopped: () => stopped,
    });
    teardown.auditor = await Auditor.connect(databaseUrl, teardown.watch.connection, prefix);
    const auditor = teardown.auditor;
    const initialStock = await auditor.stock();

    const plan = planFaults(
      {
        durationMs: options.durationS * 1000,
        faults: options.faults,
        instances: options.instances,
        kills: options.kills,
      },
      rng.fork('faults'),
    );
    say(`Fault plan (${plan.length}):`);
    for (const f of plan) say(`  ${(f.atMs / 1000).toFixed(1).padStart(6)} s  ${describeFault(f)}`);

    // --- the load, with the faults ----------------------------------------------------------------------
    say(`Load: ${options.durationS} s...`);
    recorder.begin();
    const restocks: Restock[] = [];
    const restocker = new Restocker(admin, catalogue, recorder, rng.fork('restocker'), restocks);
    const faults = new FaultRunner(
      plan,
      { watch: teardown.watch, infra: teardown.infra, config: admin },
      recorder,
      ids,
      (line) => say(`  [${(recorder.now() / 1000).toFixed(1).padStart(6)} s] ${line}`),
    );
    const progress = setInterval(() => say(progressLine(recorder, orders, faults)), PROGRESS_EVERY_MS);
    const running = [
      ...shoppers.map((s) => s.run()),
      restocker.run(() => stopped),
      faults.run(() => stopped),
    ];
    const exitedEarly = cluster.whenExited().then(() => {
      if (stopped) return;
      runErrors.push(`the supervisor exited at ${(recorder.now() / 1000).toFixed(1)} s, during the load`);
      stopped = true;
    });
    await Promise.race([sleep(options.durationS * 1000), exitedEarly]);
    stopped = true;
    const loadMs = recorder.now();
    say(
      `Load stopped at ${(loadMs / 1000).toFixed(1)} s; waiting for requests in flight and faults to finish...`,
    );
    await Promise.all(running);
    const drainMs = recorder.now() - loadMs;
    clearInterval(progress);
    say(progressLine(recorder, orders, faults));
    if (!(await admin.clearAllFaults()))
      runErrors.push('the injected faults could not be cleared at the end');

    // --- settle, then check -------------------------------------------------------------------------------
    const stoppedAt = Date.now();
    say(`Waiting up to ${SETTLE_MS / 1000} s for every saga, fulfilment, outbox and consumer to finish...`);
    const sagaSettleMs = await settle(auditor, stoppedAt);
    const snapshot = await auditor.snapshot();
    const cartsNotEmptied: string[] = [];
    for (const s of shoppers) if (!(await s.clearCart())) cartsNotEmptied.push(s.email);
    const holdsAfter: HoldState[] = await auditor.holds();
    const afterAt = await auditor.dbNow();

    // Every exchange and checkout as the clients saw them, for diagnosis beside the cluster's log.
    writeFileSync(
      join(logDir, 'exchanges.jsonl'),
      recorder.exchanges.map((e) => JSON.stringify(e)).join('\n'),
    );
    writeFileSync(join(logDir, 'checkouts.jsonl'), orders.map((o) => JSON.stringify(o)).join('\n'));
    writeFileSync(join(logDir, 'faults.json'), JSON.stringify({ plan, injected: faults.injected }, null, 2));

    const invariants: InvariantResult[] = [
      checkNoOrderLost(orders, snapshot),
      checkRefusalsHold(orders, snapshot),
      checkNoOversell(initialStock, restocks, snapshot),
      checkNoDoubleCharge(snapshot),
      checkReservations(
        { at: snapshot.at, holds: snapshot.holds, cartLines: snapshot.cartLines },
        { at: afterAt, holds: holdsAfter, cartsNotEmptied },
      ),
      checkEventsExactlyOnce(snapshot, {
        [MAIL_CONSUMER]: { schema: 'notification', types: MAILED_EVENTS },
      }),
      checkSagasTerminal(snapshot, SETTLE_MS),
      checkNo5xx(recorder.exchanges),
      checkContract(contract),
    ];

    // --- stop everything, then look for anything left running -----------------------------------------------
    const instanceExits = cluster.exits.length;
    const pids = [
      ...[...teardown.watch.pidsSeen].map((pid) => ({ pid, what: 'instance' })),
      { pid: cluster.pid, what: 'supervisor' },
      { pid: teardown.infra.hostPid, what: 'infrastructure host' },
      ...[...teardown.infra.pidsSeen].map((pid) => ({ pid, what: 'nats-server or postgres' })),
    ];
    await teardown.run(say);
    await sleep(1500);
    const orphanProcesses = pids
      .filter((p): p is { pid: number; what: string } => p.pid !== undefined && isRunning(p.pid))
      .map((p) => `${p.what} pid ${p.pid}`);

    report = buildReport({
      run: {
        id: runId,
        seed: options.seed,
        startedAt: started.toISOString(),
        durationS: options.durationS,
        faultKinds: options.faults,
        shoppers: options.shoppers,
        thinkMs: options.thinkMs,
        instancesPerService: options.instances,
        replay: replayCommand(options),
        cores: availableParallelism(),
        loadAverage: { start: loadStart, end: loadavg() },
      },
      loadMs,
      requests: recorder.requests,
      exchanges: recorder.exchanges,
      orders,
      restocks,
      faults: faults.injected,
      plannedFaults: plan.length,
      invariants,
      snapshot,
      sagaSettleMs,
      drainMs,
      instanceExits,
      orphanProcesses,
      runErrors,
    });
  } finally {
    await teardown.run(say);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('SIGHUP', onSignal);
    if (options.keepData) say(`The private NATS and PostgreSQL data are kept in ${infraDir}`);
    else rmSync(infraDir, { recursive: true, force: true });
    removeRunState(runDir);
  }
  const json = JSON.stringify(report, null, 2);
  const markdown = renderMarkdown(report);
  for (const dir of [runDir, CHAOS_DIR]) {
    writeFileSync(join(dir, dir === runDir ? 'report.json' : 'latest.json'), json);
    writeFileSync(join(dir, dir === runDir ? 'report.md' : 'latest.md'), markdown);
  }
  say(`Report: ${join(runDir, 'report.md')} (also .data/chaos/latest.md and .json)`);
  return report;
}

function replayCommand(o: ChaosOptions): string {
  const parts = ['npm run chaos --', `--duration ${o.durationS}`, `--seed ${o.seed}`];
  if (o.faults.length < 5) parts.push(`--faults ${o.faults.join(',') || 'none'}`);
  parts.push(`--shoppers ${o.shoppers}`, `--think-ms ${o.thinkMs}`, `--instances ${o.instances}`);
  if (o.kills !== undefined) parts.push(`--kills ${o.kills}`);
  return parts.join(' ');
}
