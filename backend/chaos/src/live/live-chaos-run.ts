import { ChaosRunState, ChaosStartCommand, SERVICE_NAMES, ServiceName } from '@shop/contracts';
import { ClusterConfigStore } from '@shop/messaging';
import { createShopApi } from '../api/shop-client';
import { AuditScope, Auditor } from '../checks/auditor';
import {
  checkNoDoubleCharge,
  checkNoOrderLost,
  checkNoOversellOfOrders,
  checkRefusalsHold,
  checkSagasTerminal,
} from '../checks/invariants';
import { SETTLE_MS, settle } from '../checks/settle';
import { ClusterWatch } from '../cluster-watch';
import { describeFault, planFaults } from '../fault-schedule';
import { FaultRunner } from '../faults/fault-runner';
import { StoreConfigFaults } from '../faults/store-config-faults';
import { sleep } from '../load/caller';
import { Catalogue } from '../load/catalogue';
import { OrderAttempt } from '../load/ledger';
import { Recorder } from '../load/recorder';
import { HOT_PRODUCTS } from '../load/setup';
import { Shopper } from '../load/shopper';
import { Prng } from '../prng';
import { faultEvents, orderCounts, requestCounts, toChaosInvariant, verdict } from './run-state';

/** What a chaos run on a live cluster needs from the process that runs it (the supervisor). */
export interface LiveChaosEnvironment {
  /** The gateway's REST API, as the shoppers reach it. */
  baseUrl: string;
  natsUrl: string;
  prefix: string;
  databaseUrl: string;
  /** The instance ids running now, per platform service. */
  instances(): Partial<Record<ServiceName, string[]>>;
  /** Sends SIGKILL to `pid` serving as `instanceId`; throws when that is not a process the caller runs. */
  kill(instanceId: string, pid: number): void;
  say(line: string): void;
}

/** Pause of each shopper between two actions (ms, uniformly 0.5× to 1.5×). */
const THINK_MS = 300;
/** How long the run waits for every instance's heartbeat before planning its faults. */
const DISCOVERY_MS = 5000;
/** After an abort, how long requests in flight get before the run restores its faults anyway. */
const ABORT_DRAIN_MS = 5000;
/** Orders of the run were created after its start; the margin covers a database clock slightly behind. */
const CLOCK_MARGIN_MS = 60_000;

/**
 * One chaos run on a live cluster: generated test shoppers (signed in with the sessions in the command)
 * browse, fill carts and check out through the gateway's REST API for the run's duration, while the seeded
 * fault schedule kills instances (through `env.kill`) and injects latency and errors into the cluster
 * configuration. At the end every injected fault is removed, the run waits for its sagas to end and checks
 * the invariants over its own orders: none lost, none oversold, none charged twice.
 */
export class LiveChaosRun {
  private readonly current: ChaosRunState;
  private readonly recorder = new Recorder(Date.now());
  private readonly orders: OrderAttempt[] = [];
  private faults?: FaultRunner;
  private config?: StoreConfigFaults;
  private loadStopped = false;
  private aborted?: string;
  private stopNow!: () => void;
  private readonly stopSignal = new Promise<void>((resolve) => (this.stopNow = resolve));
  private done?: Promise<ChaosRunState>;

  constructor(
    private readonly cmd: ChaosStartCommand,
    private readonly env: LiveChaosEnvironment,
  ) {
    this.current = {
      id: cmd.runId,
      seed: cmd.seed,
      durationSeconds: cmd.durationSeconds,
      faultKinds: [...cmd.faults],
      startedBy: cmd.startedBy,
      phase: 'preparing',
      startedAt: new Date().toISOString(),
      elapsedMs: 0,
      shoppers: cmd.shoppers.length,
      faults: [],
      requests: requestCounts([]),
      attempts: 0,
      orders: orderCounts([]),
      configFaultsActive: 0,
      errors: [],
    };
  }

  /** Starts the run (once); resolves with its last state when it is over. Never rejects. */
  start(): Promise<ChaosRunState> {
    this.done ??= this.execute().then(() => this.state());
    return this.done;
  }

  /** The run as it stands: counters, faults and, at the end, the invariants. */
  state(): ChaosRunState {
    const s = this.current;
    if (s.loadStartedAt && !this.loadStopped) s.elapsedMs = this.recorder.now();
    s.requests = requestCounts(this.recorder.requests);
    s.attempts = this.recorder.exchanges.length;
    s.orders = orderCounts(this.orders);
    if (this.faults) s.faults = faultEvents(this.faults.injected, this.faults.active());
    s.configFaultsActive = this.config?.active ?? 0;
    return structuredClone(s);
  }

  get isOver(): boolean {
    return this.current.finishedAt !== undefined;
  }

  /** Ends the load now; faults are restored and the invariants checked as after a full run. */
  stop(by: string): void {
    if (this.loadStopped || this.isOver) return;
    this.current.stoppedEarlyBy = by;
    this.env.say(`chaos ${this.cmd.runId}: stopped early by ${by}`);
    this.stopNow();
  }

  /** Ends the load now and skips the checks (the cluster is stopping); injected faults are still removed. */
  abort(reason: string): Promise<ChaosRunState> {
    if (!this.isOver) {
      this.aborted ??= reason;
      this.stopNow();
    }
    return this.start();
  }

  private async execute(): Promise<void> {
    const { cmd, env } = this;
    const say = (line: string) => env.say(`chaos ${cmd.runId}: ${line}`);
    const rng = new Prng(cmd.seed);
    let watch: ClusterWatch | undefined;
    let store: ClusterConfigStore | undefined;
    let auditor: Auditor | undefined;
    try {
      say(
        `seed ${cmd.seed}, ${cmd.durationSeconds} s, faults: ${cmd.faults.join(', ') || 'none'}, ` +
          `${cmd.shoppers.length} test shoppers, started by ${cmd.startedBy}`,
      );
      watch = await ClusterWatch.start(env.natsUrl, env.prefix);
      store = new ClusterConfigStore(watch.connection, env.prefix);
      await store.start();
      this.config = new StoreConfigFaults(store, `${cmd.runId} (${cmd.startedBy})`);
      auditor = await Auditor.connect(env.databaseUrl, watch.connection, env.prefix);

      const api = createShopApi(env.baseUrl);
      const catalogue = await Catalogue.load(api, rng.fork('catalogue'), HOT_PRODUCTS);
      const shopperRng = rng.fork('shoppers');
      const shoppers = cmd.shoppers.map(
        (session, n) =>
          new Shopper(
            `chaos-${n + 1}`,
            {
              api,
              recorder: this.recorder,
              catalogue,
              orders: this.orders,
              thinkMs: THINK_MS,
              stopped: () => this.loadStopped,
            },
            shopperRng.fork(String(n + 1)),
            session,
          ),
      );
      // Test shoppers are shared between runs: each starts from an empty cart.
      await Promise.all(shoppers.map((s) => s.clearCart()));

      const running = env.instances();
      const ids = Object.values(running).flat();
      await watch.waitServing(ids, DISCOVERY_MS);
      const targets: Partial<Record<ServiceName, string[]>> = {};
      for (const service of SERVICE_NAMES)
        targets[service] = (running[service] ?? []).filter((id) => watch!.isServing(id));
      const plan = planFaults(
        { durationMs: cmd.durationSeconds * 1000, faults: cmd.faults, instances: 2, targets },
        rng.fork('faults'),
      );
      say(`fault plan (${plan.length}):`);
      for (const f of plan) say(`  ${(f.atMs / 1000).toFixed(1).padStart(6)} s  ${describeFault(f)}`);
      if (this.aborted) throw new Error(this.aborted);

      // --- the load, with the faults ----------------------------------------------------------------
      this.recorder.begin();
      this.current.loadStartedAt = new Date().toISOString();
      this.current.phase = 'running';
      this.faults = new FaultRunner(
        plan,
        { watch, config: this.config, kill: env.kill },
        this.recorder,
        ids,
        (line) => say(`[${(this.recorder.now() / 1000).toFixed(1).padStart(6)} s] ${line}`),
      );
      const load = [...shoppers.map((s) => s.run()), this.faults.run(() => this.loadStopped)];
      await Promise.race([sleep(cmd.durationSeconds * 1000), this.stopSignal]);
      this.loadStopped = true;
      this.current.elapsedMs = this.recorder.now();
      this.current.loadStoppedAt = new Date().toISOString();
      this.current.phase = 'draining';
      say(`load stopped at ${(this.current.elapsedMs / 1000).toFixed(1)} s; waiting for requests in flight`);
      await (this.aborted ? Promise.race([Promise.all(load), sleep(ABORT_DRAIN_MS)]) : Promise.all(load));
      await this.restoreFaults();
      if (this.aborted) throw new Error(this.aborted);

      // --- settle, then check the run's own orders --------------------------------------------------
      this.current.phase = 'checking';
      const scope: AuditScope = {
        orderKeys: this.orders.map((o) => o.key),
        since: new Date(Date.parse(this.current.startedAt) - CLOCK_MARGIN_MS),
      };
      say(`waiting up to ${SETTLE_MS / 1000} s for the run's ${this.orders.length} checkouts to end`);
      const settleStarted = Date.now();
      await settle(auditor, settleStarted, scope);
      say(`checkouts settled after ${((Date.now() - settleStarted) / 1000).toFixed(1)} s`);
      const snapshot = await auditor.scopedSnapshot(scope);
      // Empty carts release their holds: the run leaves no stock reserved.
      await Promise.all(shoppers.map((s) => s.clearCart()));
      this.current.invariants = [
        checkNoOrderLost(this.orders, snapshot),
        checkRefusalsHold(this.orders, snapshot),
        checkNoOversellOfOrders(snapshot),
        checkNoDoubleCharge(snapshot),
        checkSagasTerminal(snapshot, SETTLE_MS),
      ].map(toChaosInvariant);
      this.current.phase = verdict(this.current.invariants, this.current.errors);
      say(
        `${this.current.phase}: ${this.current.invariants
          .map((i) => `${i.id} ${i.violations} violation(s) of ${i.checked}`)
          .join('; ')}`,
      );
    } catch (err) {
      this.current.errors.push((err as Error).message);
      this.current.phase = 'error';
      say(`could not finish: ${(err as Error).message}`);
    } finally {
      this.loadStopped = true;
      if ((this.config?.active ?? 0) > 0) await this.restoreFaults();
      store?.stop();
      await auditor?.close();
      await watch?.stop();
      this.current.finishedAt = new Date().toISOString();
    }
  }

  /** Removes every fault the run injected and has not cleared yet (an operator's own faults stay). */
  private async restoreFaults(): Promise<void> {
    const config = this.config;
    if (!config || config.active === 0) return;
    for (let attempt = 0; attempt < 10; attempt++) {
      if (await config.clearAll()) return;
      await sleep(1000);
    }
    this.current.errors.push(
      `${config.active} injected fault(s) could not be removed from the cluster configuration; clear them in System Controls`,
    );
  }
}
