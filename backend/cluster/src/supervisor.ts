import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { NatsConnection, Subscription, connect } from '@nats-io/transport-node';
import {
  InstanceLeave,
  MAX_SCALED_INSTANCES,
  ScaleCommand,
  ScaleResult,
  ServiceName,
  Subjects,
  SupervisorAction,
  SupervisorReply,
  SupervisorStatus,
} from '@shop/contracts';
import { decodeJson, encodeJson, ensureLogStream } from '@shop/messaging';
import { LiveChaosRun } from '../../chaos/src/live/live-chaos-run';
import { ChaosHost } from './chaos/chaos-host';
import { ClusterOptions } from './cluster-options';
import { formatLine } from './log-printer';
import { ProcessSpec } from './process-specs';
import { ReadinessWatcher } from './readiness-watcher';
import { isScalable, planScale } from './scale-plan';
import { SupervisedInstance } from './supervised-instance';

export interface SupervisorEnvironment {
  natsUrl: string;
  databaseUrl: string;
  smtpUrl: string;
  /** Port the local SMTP sink listens on (SMTP_SINK_PORT). */
  smtpSinkPort: number;
  /** Where the supervisor reaches the gateway's REST API (chaos mode's shoppers). */
  gatewayUrl: string;
}

/**
 * Runs every instance of every process spec, prints their output, restarts the ones that exit, and
 * stops them all (SIGTERM, then SIGKILL after the grace period) on `stop()`. When an instance's process
 * ends, it announces that incarnation's departure on NATS at once, so callers re-send what waited on it
 * instead of waiting for its heartbeats to fall silent.
 *
 * It also answers commands over NATS (`Subjects.supervisor(prefix, …)`): `status` lists what it runs,
 * `scale` starts or stops instances of a platform service (one at a time, in the order they arrive), and
 * `chaos-start`, `chaos-stop` and `chaos-status` run chaos mode (one run at a time; it kills only processes
 * this supervisor runs).
 */
export class Supervisor {
  readonly instances: SupervisedInstance[] = [];
  private nc?: NatsConnection;
  private watcher?: ReadinessWatcher;
  private commands: Subscription[] = [];
  /** Scale commands run one after another. */
  private scaling: Promise<unknown> = Promise.resolve();
  private stopping = false;
  private readonly idWidth: number;
  private readonly chaos: ChaosHost;

  constructor(
    private readonly specs: readonly ProcessSpec[],
    private readonly options: ClusterOptions,
    private readonly infra: SupervisorEnvironment,
    private readonly root: string,
    private readonly onAllReady: (seconds: number) => void,
  ) {
    const ids = this.plannedIds();
    this.idWidth = Math.max(12, ...ids.map((id) => id.length));
    this.chaos = new ChaosHost(
      (cmd) =>
        new LiveChaosRun(cmd, {
          baseUrl: this.infra.gatewayUrl,
          natsUrl: this.infra.natsUrl,
          prefix: this.options.prefix,
          databaseUrl: this.infra.databaseUrl,
          instances: () => this.serviceInstances(),
          kill: (instanceId, pid) => this.killForChaos(instanceId, pid),
          say: (line) => this.note('chaos', 'info', line),
        }),
      (line) => this.note('chaos', 'info', line),
    );
  }

  /** The instance ids running now of every platform service. */
  private serviceInstances(): Partial<Record<ServiceName, string[]>> {
    const out: Partial<Record<ServiceName, string[]>> = {};
    for (const spec of this.runnable())
      if (spec.service) out[spec.service] = this.numbersOf(spec.name).map((n) => `${spec.name}-${n}`);
    return out;
  }

  /** SIGKILL for chaos mode: only the current process of an instance this supervisor runs (it restarts it). */
  private killForChaos(instanceId: string, pid: number): void {
    const instance = this.instances.find((i) => i.launch.id === instanceId);
    if (!instance || instance.pid !== pid)
      throw new Error(`${instanceId} (pid ${pid}) is not a process this supervisor runs`);
    process.kill(pid, 'SIGKILL');
  }

  /** Specs whose entry point is built (a process another helper has not built yet is skipped, with a warning). */
  private runnable(): ProcessSpec[] {
    return this.specs.filter((spec) => existsSync(resolve(this.root, spec.script)));
  }

  /** `<name>-1..N` for every runnable spec, in start order. */
  plannedIds(): string[] {
    return this.runnable().flatMap((spec) =>
      Array.from({ length: this.options.instances[spec.name] ?? 0 }, (_, i) => `${spec.name}-${i + 1}`),
    );
  }

  async start(): Promise<void> {
    const startedAt = Date.now();
    this.nc = await connect({ servers: this.infra.natsUrl, name: 'supervisor', maxReconnectAttempts: -1 });
    await ensureLogStream(this.nc, this.options.prefix).catch((err: Error) =>
      this.note('supervisor', 'warn', `could not create the log stream: ${err.message}`),
    );
    for (const spec of this.specs.filter((s) => !this.runnable().includes(s)))
      this.note('supervisor', 'warn', `skipping ${spec.name}: ${spec.script} does not exist (not built?)`);
    const expected = new Set(
      this.runnable()
        .filter((s) => s.service)
        .flatMap((s) =>
          Array.from({ length: this.options.instances[s.name] ?? 0 }, (_, i) => `${s.name}-${i + 1}`),
        ),
    );
    this.watcher = new ReadinessWatcher(
      this.nc,
      this.options.prefix,
      expected,
      () => this.onAllReady((Date.now() - startedAt) / 1000),
      (id, pid) => this.note(id, 'info', `back in rotation (pid ${pid})`),
    );
    this.watcher.start();
    for (const spec of this.runnable()) {
      for (let n = 1; n <= (this.options.instances[spec.name] ?? 0); n++) this.launch(spec, n);
    }
    this.listenForCommands(this.nc);
  }

  /** Starts instance `n` of `spec` (id `<name>-<n>`), supervised from now on. */
  private launch(spec: ProcessSpec, n: number): SupervisedInstance {
    const id = `${spec.name}-${n}`;
    const instance = new SupervisedInstance(
      {
        id,
        script: spec.script,
        mode: spec.mode ?? 'fork',
        nodeFlags: [...this.options.nodeFlags, ...(spec.nodeFlags ?? [])],
        env: this.instanceEnv(spec, id),
        cwd: this.root,
      },
      {
        line: (iid, line) => this.print(iid, line),
        note: (iid, level, msg) => this.note(iid, level, msg),
        exited: (_iid, pid, how) => this.announceExit(pid, how),
      },
    );
    this.instances.push(instance);
    instance.start();
    return instance;
  }

  /** The instance numbers of `name` the supervisor runs now (`inventory-2` → 2). */
  private numbersOf(name: string): number[] {
    const pattern = new RegExp(`^${name.replace(/[^A-Za-z0-9]/g, '\\$&')}-(\\d+)$`);
    return this.instances.flatMap((i) => {
      const match = pattern.exec(i.launch.id);
      return match ? [Number(match[1])] : [];
    });
  }

  status(): SupervisorStatus {
    return {
      pid: process.pid,
      host: hostname(),
      processes: this.runnable().map((spec) => ({
        name: spec.name,
        instances: this.numbersOf(spec.name).map((n) => `${spec.name}-${n}`),
        scalable: isScalable(spec),
        min: 1,
        max: MAX_SCALED_INSTANCES,
      })),
    };
  }

  /** Starts or stops instances as `cmd` asks; resolves once the stopped ones have exited. */
  scale(cmd: ScaleCommand): Promise<SupervisorReply<ScaleResult>> {
    const run = this.scaling.then(() => this.scaleNow(cmd));
    this.scaling = run.catch(() => undefined);
    return run;
  }

  private async scaleNow(cmd: ScaleCommand): Promise<SupervisorReply<ScaleResult>> {
    const specs = this.runnable();
    const running = new Map(specs.map((spec) => [spec.name, this.numbersOf(spec.name)]));
    const plan = planScale(specs, running, cmd);
    if ('ok' in plan) return plan;
    const { spec } = plan;
    const before = (running.get(spec.name) ?? []).map((n) => `${spec.name}-${n}`);
    const started = plan.start.map((n) => {
      this.watcher?.expect(`${spec.name}-${n}`);
      return this.launch(spec, n).launch.id;
    });
    const leaving = plan.stop.map((n) => this.instances.find((i) => i.launch.id === `${spec.name}-${n}`)!);
    for (const instance of leaving) this.instances.splice(this.instances.indexOf(instance), 1);
    await Promise.all(leaving.map((i) => i.stop(this.options.shutdownGraceMs)));
    for (const instance of leaving) this.watcher?.forget(instance.launch.id);
    const result: ScaleResult = {
      service: spec.name,
      before,
      instances: this.numbersOf(spec.name).map((n) => `${spec.name}-${n}`),
      started,
      stopped: leaving.map((i) => i.launch.id),
    };
    this.note(
      'supervisor',
      'info',
      `scaled ${spec.name} from ${before.length} to ${result.instances.length} instances` +
        (started.length ? ` (started ${started.join(', ')})` : '') +
        (result.stopped.length ? ` (stopped ${result.stopped.join(', ')})` : ''),
    );
    return { ok: true, result };
  }

  /** Answers `status` and `scale` requests on the cluster's subject prefix. */
  private listenForCommands(nc: NatsConnection): void {
    const answer = <T>(action: string, handle: (body: unknown) => Promise<SupervisorReply<T>>) =>
      nc.subscribe(Subjects.supervisor(this.options.prefix, action), {
        callback: (err, msg) => {
          if (err) return;
          let body: unknown;
          try {
            body = msg.data.length ? decodeJson<unknown>(msg.data) : {};
          } catch {
            msg.respond(
              encodeJson({ ok: false, refusal: 'bad-command', message: 'The command is not JSON' }),
            );
            return;
          }
          const reply = this.stopping
            ? Promise.resolve<SupervisorReply<T>>({
                ok: false,
                refusal: 'bad-command',
                message: 'The supervisor is stopping the cluster',
              })
            : handle(body);
          reply.then(
            (r) => msg.respond(encodeJson(r)),
            (e: Error) => msg.respond(encodeJson({ ok: false, refusal: 'bad-command', message: e.message })),
          );
        },
      });
    this.commands = [
      answer(SupervisorAction.Status, () => Promise.resolve({ ok: true, result: this.status() })),
      answer(SupervisorAction.Scale, (body) => this.scale(body as ScaleCommand)),
      answer(SupervisorAction.ChaosStart, (body) => Promise.resolve(this.chaos.start(body))),
      answer(SupervisorAction.ChaosStop, (body) => Promise.resolve(this.chaos.stop(body))),
      answer(SupervisorAction.ChaosStatus, () => Promise.resolve(this.chaos.status())),
    ];
  }

  /**
   * Tells every caller that the process `pid` has ended: a departure of the incarnation it last beat as
   * (its boot id), which can never touch the restarted process or another one with the same id.
   */
  private announceExit(pid: number, how: string): void {
    const hb = this.watcher?.takeHeartbeatOf(pid);
    if (!hb || !this.nc || this.nc.isClosed()) return;
    const leave: InstanceLeave = {
      service: hb.service,
      instanceId: hb.instanceId,
      bootId: hb.bootId,
      reason: `process ${pid} exited (${how}), announced by the supervisor`,
      exited: true,
    };
    this.nc.publish(Subjects.leave(this.options.prefix, hb.service, hb.instanceId), encodeJson(leave));
  }

  /** Instances that have not sent a ready heartbeat yet. */
  notReady(): string[] {
    return this.watcher?.missing() ?? [];
  }

  instanceEnv(spec: ProcessSpec, id: string): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...spec.env,
      INSTANCE_ID: id,
      SUBJECT_PREFIX: this.options.prefix,
      NATS_URL: this.infra.natsUrl,
      DATABASE_URL: this.infra.databaseUrl,
      SMTP_URL: this.infra.smtpUrl,
      SMTP_SINK_PORT: String(this.infra.smtpSinkPort),
      PORT: String(this.options.port),
      // Every instance picks a free port for its health endpoints (it reports the port in its heartbeat).
      HEALTH_PORT: '0',
    };
    return env;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const sub of this.commands) sub.unsubscribe();
    await this.chaos.shutdown();
    await this.scaling;
    this.note('supervisor', 'info', `stopping ${this.instances.filter((i) => i.isRunning).length} instances`);
    // Gateways first, so no new HTTP work arrives while the services drain.
    const gateways = this.instances.filter((i) => i.launch.mode === 'cluster');
    await Promise.all(gateways.map((i) => i.stop(this.options.shutdownGraceMs)));
    await Promise.all(this.instances.map((i) => i.stop(this.options.shutdownGraceMs)));
    this.watcher?.stop();
    await this.nc?.close().catch(() => undefined);
  }

  print(id: string, line: string): void {
    const text = formatLine(id, line, {
      color: Boolean(process.stdout.isTTY) && this.options.color,
      raw: this.options.rawLogs,
      verbose: this.options.verbose,
      idWidth: this.idWidth,
    });
    if (text !== undefined) process.stdout.write(`${text}\n`);
  }

  note(id: string, level: 'info' | 'warn' | 'error', message: string): void {
    const record = {
      level: level === 'info' ? 30 : level === 'warn' ? 40 : 50,
      time: new Date().toISOString(),
      context: 'supervisor',
      msg: message,
    };
    this.print(id, JSON.stringify(record));
  }
}
