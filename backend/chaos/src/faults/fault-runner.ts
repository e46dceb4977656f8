import { PlannedFault, describeFault } from '../fault-schedule';
import { ClusterWatch } from '../cluster-watch';
import { PrivateInfrastructure } from '../infrastructure/private-infrastructure';
import { sleep } from '../load/caller';
import { Recorder } from '../load/recorder';
import { FaultKind } from '../options';
import { ConfigFaults } from './config-faults';

/** A fault as it happened. Times are ms since the load began; [atMs, endMs] is the fault's window. */
export interface InjectedFault {
  kind: FaultKind;
  description: string;
  plannedAtMs: number;
  atMs: number;
  /** Until when the fault lasted: the killed instance serving again, the injection cleared, the server back. */
  endMs: number;
  outcome: 'done' | 'skipped';
  /** What happened, in a few words (pids, recovery time, why it was skipped). */
  note: string;
}

/** How long a kill waits for its target and a surviving sibling to be serving before it is skipped. */
const KILL_WAIT_MS = 30_000;
/** How long a killed instance (or the whole cluster after a NATS restart) gets to serve again. */
const RECOVERY_MS = 90_000;
/** After PostgreSQL is back, requests still meet broken pool connections for a while. */
const POSTGRES_SETTLE_MS = 10_000;

/** A fault injected and not over yet (an instance not serving again, an injection not cleared yet). */
export interface ActiveFault {
  kind: FaultKind;
  description: string;
  atMs: number;
}

/** What the runner injects faults through. */
export interface FaultTargets {
  /** The instances' heartbeats: which pid serves as which instance, and whether it serves. */
  watch: ClusterWatch;
  /** Latency and error injections in the cluster configuration. */
  config: ConfigFaults;
  /** Restarts of NATS and PostgreSQL; absent on a shared cluster, where they are never planned. */
  infra?: Pick<PrivateInfrastructure, 'restart'>;
  /** Sends SIGKILL to the process `pid` serving as `instanceId`; throws when it may not or cannot. */
  kill?: (instanceId: string, pid: number) => void;
}

/**
 * Injects the planned faults at their times: SIGKILL of an instance (its pid from the heartbeats; only while
 * another instance of its service is serving), latency and error rates through the cluster configuration
 * (cleared when the window ends), and the NATS and PostgreSQL restarts through the infrastructure host. Each
 * fault runs on its own, so a slow one never delays the next.
 */
export class FaultRunner {
  readonly injected: InjectedFault[] = [];
  private readonly ongoing = new Map<PlannedFault, ActiveFault>();
  private readonly running = new Set<Promise<void>>();
  private readonly sigkill: (instanceId: string, pid: number) => void;

  constructor(
    private readonly plan: readonly PlannedFault[],
    private readonly targets: FaultTargets,
    private readonly recorder: Recorder,
    private readonly allInstanceIds: readonly string[],
    private readonly say: (line: string) => void,
  ) {
    this.sigkill = targets.kill ?? ((_id, pid) => process.kill(pid, 'SIGKILL'));
  }

  private get watch(): ClusterWatch {
    return this.targets.watch;
  }

  /** Faults injected and not over yet, oldest first. */
  active(): ActiveFault[] {
    return [...this.ongoing.values()];
  }

  /** Starts every fault at its time until the plan is done or `stopped()`; then waits for the running ones. */
  async run(stopped: () => boolean): Promise<void> {
    for (const fault of this.plan) {
      while (!stopped() && this.recorder.now() < fault.atMs)
        await sleep(Math.min(250, fault.atMs - this.recorder.now()));
      if (stopped()) break;
      const task = this.inject(fault).catch((err: Error) =>
        this.record(fault, this.recorder.now(), this.recorder.now(), 'skipped', `failed: ${err.message}`),
      );
      this.running.add(task);
      void task.finally(() => this.running.delete(task));
    }
    await Promise.all([...this.running]);
  }

  count(kind: FaultKind): number {
    return this.injected.filter((f) => f.kind === kind && f.outcome === 'done').length;
  }

  private begin(fault: PlannedFault, atMs: number): void {
    this.ongoing.set(fault, { kind: fault.kind, description: describeFault(fault), atMs });
  }

  private async inject(fault: PlannedFault): Promise<void> {
    switch (fault.kind) {
      case 'kill':
        return this.kill(fault);
      case 'latency':
      case 'errors':
        return this.configFault(fault);
      case 'nats':
      case 'postgres':
        return this.restart(fault);
    }
  }

  private async kill(fault: Extract<PlannedFault, { kind: 'kill' }>): Promise<void> {
    const since = this.recorder.now();
    const siblings = () => this.watch.serving(fault.service).filter((i) => i.instanceId !== fault.instanceId);
    while (this.recorder.now() - since < KILL_WAIT_MS) {
      if (this.watch.isServing(fault.instanceId) && siblings().length > 0) break;
      await sleep(250);
    }
    const target = this.watch.get(fault.instanceId);
    if (!target || !this.watch.isServing(fault.instanceId) || siblings().length === 0) {
      const why = !this.watch.isServing(fault.instanceId)
        ? `${fault.instanceId} was not serving`
        : `no other ${fault.service} instance was serving`;
      this.record(
        fault,
        this.recorder.now(),
        this.recorder.now(),
        'skipped',
        `${why} for ${KILL_WAIT_MS / 1000} s`,
      );
      return;
    }
    const atMs = this.recorder.now();
    try {
      this.sigkill(fault.instanceId, target.pid);
    } catch (err) {
      this.record(fault, atMs, atMs, 'skipped', `kill ${target.pid} failed: ${(err as Error).message}`);
      return;
    }
    this.begin(fault, atMs);
    this.say(`fault: SIGKILL ${fault.instanceId} (pid ${target.pid})`);
    const newPid = await this.watch.waitReplaced(fault.instanceId, target.pid, RECOVERY_MS);
    const endMs = this.recorder.now();
    this.record(
      fault,
      atMs,
      endMs,
      'done',
      newPid
        ? `pid ${target.pid} killed; serving again as pid ${newPid} after ${((endMs - atMs) / 1000).toFixed(1)} s`
        : `pid ${target.pid} killed; not serving again within ${RECOVERY_MS / 1000} s`,
    );
  }

  private async configFault(fault: Extract<PlannedFault, { kind: 'latency' | 'errors' }>): Promise<void> {
    const spec = {
      service: fault.service,
      instanceId: fault.instanceId,
      latencyMs: fault.kind === 'latency' ? fault.latencyMs : undefined,
      errorRate: fault.kind === 'errors' ? fault.errorRate : undefined,
    };
    const atMs = this.recorder.now();
    const id = await this.targets.config.injectFault(spec);
    if (!id) {
      this.record(fault, atMs, this.recorder.now(), 'skipped', 'the configuration change was not accepted');
      return;
    }
    this.begin(fault, atMs);
    this.say(`fault: ${describeFault(fault)} (fault ${id})`);
    while (this.recorder.now() < fault.untilMs)
      await sleep(Math.min(250, fault.untilMs - this.recorder.now()));
    let cleared = false;
    for (let attempt = 0; attempt < 20 && !cleared; attempt++) {
      cleared = await this.targets.config.clearFault(spec, id);
      if (!cleared) await sleep(1000);
    }
    const endMs = this.recorder.now();
    this.say(
      `fault: cleared ${fault.kind} on ${fault.instanceId ?? fault.service}${cleared ? '' : ' FAILED'}`,
    );
    this.record(
      fault,
      atMs,
      endMs,
      'done',
      cleared ? `fault ${id}, cleared` : `fault ${id}, NOT cleared (cleared at the end)`,
    );
  }

  private async restart(fault: Extract<PlannedFault, { kind: 'nats' | 'postgres' }>): Promise<void> {
    if (!this.targets.infra) {
      const now = this.recorder.now();
      this.record(fault, now, now, 'skipped', 'this cluster runs on a shared NATS and PostgreSQL');
      return;
    }
    this.say(`fault: ${describeFault(fault)}`);
    this.begin(fault, this.recorder.now());
    const answer = await this.targets.infra.restart(fault.kind, fault.downMs);
    const atMs = answer.stoppingAt - this.recorder.startedAt;
    const goneMs = answer.stoppedAt - this.recorder.startedAt;
    if (!answer.ok) {
      this.record(fault, atMs, this.recorder.now(), 'skipped', `restart failed: ${answer.error}`);
      return;
    }
    const backMs = answer.startedAt - this.recorder.startedAt;
    let endMs: number;
    let note: string;
    if (fault.kind === 'nats') {
      const all = await this.watch.waitServing(this.allInstanceIds, RECOVERY_MS);
      endMs = this.recorder.now();
      note = `stopping ${((goneMs - atMs) / 1000).toFixed(1)} s, down ${((backMs - goneMs) / 1000).toFixed(1)} s (new pid ${answer.pid}); every instance serving again ${all ? `after ${((endMs - backMs) / 1000).toFixed(1)} s` : `NOT within ${RECOVERY_MS / 1000} s`}`;
    } else {
      endMs = backMs + POSTGRES_SETTLE_MS;
      note = `stopping ${((goneMs - atMs) / 1000).toFixed(1)} s, down ${((backMs - goneMs) / 1000).toFixed(1)} s (new postmaster pid ${answer.pid})`;
    }
    this.say(`fault: ${fault.kind === 'nats' ? 'NATS' : 'PostgreSQL'} back: ${note}`);
    this.record(fault, atMs, endMs, 'done', note);
  }

  private record(
    fault: PlannedFault,
    atMs: number,
    endMs: number,
    outcome: InjectedFault['outcome'],
    note: string,
  ): void {
    this.ongoing.delete(fault);
    this.injected.push({
      kind: fault.kind,
      description: describeFault(fault),
      plannedAtMs: fault.atMs,
      atMs,
      endMs,
      outcome,
      note,
    });
    if (outcome === 'skipped') this.say(`fault SKIPPED: ${describeFault(fault)}: ${note}`);
  }
}
