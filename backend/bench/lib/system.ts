import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { AppLogger, DEFAULT_DATABASE_URL, DEFAULT_NATS_URL } from '@shop/common';
import { SERVICE_NAMES, ServiceName } from '@shop/contracts';
import { MessagingRuntime, messagingOptionsFromEnv } from '@shop/messaging';
import { ProcessSpec, findProcessSpec } from '../../cluster/src/process-specs';
import { onCleanup } from './cleanup';
import {
  Child,
  CpuSource,
  INSTANCE_NODE_FLAGS,
  freePort,
  logTail,
  sleep,
  startChild,
  stopChild,
  waitForPort,
} from './processes';

/** One running service instance of the benchmark's own cluster. */
export interface BenchInstance {
  service: ServiceName;
  instanceId: string;
  child: Child;
  /** Set when a scenario killed the instance on purpose (it is then not reported as crashed). */
  killed?: boolean;
}

export interface SystemOptions {
  /** Instances per service; services left out are not started. */
  instances: Partial<Record<ServiceName, number>>;
  /** Root of the repository (dist/ is read from there). */
  root: string;
  /** Folder for this run's logs. */
  logDir: string;
  /** Use this NATS server instead of starting a private one (a unique subject prefix keeps it apart). */
  natsUrl?: string;
  /** Server URL whose host/credentials are used for the benchmark's own database. */
  databaseUrl?: string;
  /** Extra environment for every instance. */
  env?: NodeJS.ProcessEnv;
  /** Services whose instances write a V8 CPU profile (.cpuprofile) into `<logDir>/profiles` on exit. */
  profile?: ServiceName[];
  /** Extra node flags per service (after the default ones, so they can override them). */
  nodeFlags?: Partial<Record<ServiceName, string[]>>;
}

/**
 * The benchmark's own isolated cluster: a private nats-server with JetStream in a temporary folder (or
 * a given NATS under a unique subject prefix), its own PostgreSQL database (dropped at the end), and
 * every service instance as a separate `node` process on free ports. Everything is registered for
 * cleanup the moment it starts.
 */
export class BenchSystem {
  readonly instances: BenchInstance[] = [];
  gatewayUrl = '';
  /** Pid of the private nats-server, when the benchmark started one. */
  natsPid?: number;
  /** The SMTP sink the notification instances mail to, as under `npm start` (empty without notification). */
  smtpUrl = '';
  private smtpSinkPid?: number;
  /** The benchmark's own connection to the cluster (registry, config store, RPC client). */
  driver!: MessagingRuntime;

  private constructor(
    readonly prefix: string,
    readonly natsUrl: string,
    readonly databaseUrl: string,
    private readonly opts: SystemOptions,
  ) {}

  private readonly jwtSecret = randomBytes(32).toString('base64url');

  static async start(opts: SystemOptions): Promise<BenchSystem> {
    const id = randomBytes(4).toString('hex');
    const prefix = `bench_${id}`;
    mkdirSync(opts.logDir, { recursive: true });
    const nats = opts.natsUrl ? { url: opts.natsUrl } : await startPrivateNats(opts.logDir);
    const natsUrl = nats.url;
    const databaseUrl = await createDatabase(
      opts.databaseUrl ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
      `shop_bench_${id}`,
    );
    const system = new BenchSystem(prefix, natsUrl, databaseUrl, opts);
    system.natsPid = nats.pid;
    system.driver = await MessagingRuntime.connect(
      messagingOptionsFromEnv('gateway', { prefix, natsUrl, instanceId: `bench-driver-${id}` }),
      new AppLogger('bench', `bench-driver-${id}`, 'warn'),
    );
    onCleanup('bench driver connection', () => system.driver.stop('bench finished', 0));
    await system.startInstances();
    return system;
  }

  /** Environment shared by every instance of this cluster. */
  private baseEnv(): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      SUBJECT_PREFIX: this.prefix,
      NATS_URL: this.natsUrl,
      DATABASE_URL: this.databaseUrl,
      // A fresh random secret per run (production refuses short or published ones).
      JWT_SECRET: this.jwtSecret,
      HEALTH_PORT: '0',
      LOG_LEVEL: 'warn',
      // The gateway's per-client HTTP rate limit would turn a load test into a 429 test.
      RATE_LIMIT_PER_MINUTE: '1000000000',
      ...(this.smtpUrl ? { SMTP_URL: this.smtpUrl } : {}),
      ...this.opts.env,
    };
  }

  private async startInstances(): Promise<void> {
    // Services with a database first, one at a time per service, so migrations do not race each other
    // on an empty database; the remaining instances of each service then start together.
    const order = SERVICE_NAMES.filter((s) => s !== 'gateway' && (this.opts.instances[s] ?? 0) > 0);
    if (order.includes('notification')) await this.startSmtpSink();
    for (const service of order) await this.startService(service, 1, 0);
    await Promise.all(order.map((s) => this.startService(s, (this.opts.instances[s] ?? 0) - 1, 1)));
    const gateways = this.opts.instances.gateway ?? 0;
    if (gateways > 0) {
      const port = await freePort();
      await this.startService('gateway', 1, 0, { PORT: String(port) });
      this.gatewayUrl = `http://127.0.0.1:${port}`;
      await waitForHttp(`${this.gatewayUrl}/health/live`, 30_000);
    }
  }

  /** The local SMTP sink (a real SMTP server) on a free port, so order mails take their real path. */
  private async startSmtpSink(): Promise<void> {
    const port = await freePort();
    this.smtpSinkPid = startChild(
      'smtp-sink',
      process.execPath,
      [...INSTANCE_NODE_FLAGS, join(this.opts.root, processSpec('smtp-sink').script)],
      { ...this.baseEnv(), SMTP_SINK_PORT: String(port) },
      join(this.opts.logDir, 'smtp-sink.log'),
    ).pid;
    await waitForPort(port, 30_000);
    this.smtpUrl = `smtp://127.0.0.1:${port}`;
  }

  private async startService(
    service: ServiceName,
    count: number,
    firstIndex: number,
    env: NodeJS.ProcessEnv = {},
  ): Promise<void> {
    const started: BenchInstance[] = [];
    const spec = processSpec(service);
    const script = join(this.opts.root, spec.script);
    for (let i = firstIndex; i < firstIndex + count; i++) {
      const instanceId = `${service}-b${i + 1}`;
      const profile = this.opts.profile?.includes(service)
        ? [
            '--cpu-prof',
            `--cpu-prof-dir=${join(this.opts.logDir, 'profiles')}`,
            `--cpu-prof-name=${instanceId}.cpuprofile`,
          ]
        : [];
      const child = startChild(
        instanceId,
        process.execPath,
        [
          ...INSTANCE_NODE_FLAGS,
          // The same per-service flags as `npm start`, then the benchmark's own (--node-flags).
          ...(spec.nodeFlags ?? []),
          ...(this.opts.nodeFlags?.[service] ?? []),
          ...profile,
          script,
        ],
        // The spec's environment as under `npm start`, then this instance's.
        { ...this.baseEnv(), ...spec.env, INSTANCE_ID: instanceId, ...env },
        join(this.opts.logDir, `${instanceId}.log`),
      );
      started.push({ service, instanceId, child });
    }
    this.instances.push(...started);
    await Promise.all(started.map((inst) => this.waitReady(inst, 90_000)));
  }

  /** Waits for the instance's first `ready` heartbeat; fails early with its log if it exits. */
  private async waitReady(inst: BenchInstance, timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.driver.registry.get(inst.instanceId)?.heartbeat.state === 'ready') return;
      if (inst.child.exited) {
        throw new Error(
          `${inst.instanceId} exited (code ${inst.child.exitCode}) during startup:\n${await logTail(inst.child)}`,
        );
      }
      await sleep(100);
    }
    throw new Error(`${inst.instanceId} not ready after ${timeoutMs} ms:\n${await logTail(inst.child)}`);
  }

  /** Starts `count` more instances of a service (ids continue the numbering) and waits until they are ready. */
  async addInstances(service: ServiceName, count: number): Promise<BenchInstance[]> {
    const existing = this.instances.filter((i) => i.service === service).length;
    await this.startService(service, count, existing);
    return this.instances.filter((i) => i.service === service).slice(existing);
  }

  /** The first instance of a service (scenarios measure one instance per service). */
  first(service: ServiceName): BenchInstance | undefined {
    return this.instances.find((i) => i.service === service);
  }

  /**
   * CPU sources for `withCpu`: the first instance of each service, the SMTP sink when it runs, NATS and
   * PostgreSQL when they are local, and the benchmark process itself (the load generator).
   */
  pids(...services: (ServiceName | 'smtp-sink')[]): Record<string, CpuSource> {
    const out: Record<string, CpuSource> = {};
    for (const service of services) {
      const pid = service === 'smtp-sink' ? this.smtpSinkPid : this.first(service)?.child.pid;
      if (pid) out[service] = pid;
    }
    if (this.natsPid) out['nats-server'] = this.natsPid;
    if (/@(127\.0\.0\.1|localhost)[:/]/.test(this.databaseUrl)) out.postgres = 'postgres';
    out.bench = process.pid;
    return out;
  }

  /** Kills an instance with SIGKILL, as a crash would: no graceful departure, nothing restarts it. */
  kill(instance: BenchInstance): void {
    instance.killed = true;
    instance.child.process.kill('SIGKILL');
  }

  /** Instances that are no longer running (a crash during a scenario makes its figures suspect). */
  crashed(): BenchInstance[] {
    return this.instances.filter((i) => i.child.exited && !i.killed);
  }

  async stop(): Promise<void> {
    await Promise.all(this.instances.map((i) => stopChild(i.child)));
  }
}

/** Starts nats-server with JetStream on a free port and a temporary store folder. */
async function startPrivateNats(logDir: string): Promise<{ url: string; pid?: number }> {
  try {
    execFileSync('nats-server', ['--version'], { stdio: 'ignore' });
  } catch {
    console.warn(`nats-server is not on the PATH; using ${process.env.NATS_URL ?? DEFAULT_NATS_URL}`);
    return { url: process.env.NATS_URL ?? DEFAULT_NATS_URL };
  }
  const port = await freePort();
  const store = mkdtempSync(join(tmpdir(), 'bench-nats-'));
  onCleanup('nats store folder', () => rmSync(store, { recursive: true, force: true }));
  const child = startChild(
    'nats-server',
    'nats-server',
    ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store],
    { PATH: process.env.PATH },
    join(logDir, 'nats-server.log'),
  );
  await waitForPort(port, 10_000);
  return { url: `nats://127.0.0.1:${port}`, pid: child.pid };
}

/** Creates an empty database next to `serverUrl`'s and registers its removal; returns its URL. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  await withAdmin(admin.toString(), (ds) => ds.query(`CREATE DATABASE "${name}"`));
  onCleanup(`database ${name}`, () =>
    withAdmin(admin.toString(), (ds) => ds.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  );
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin(url: string, work: (ds: DataSource) => Promise<unknown>): Promise<void> {
  const ds = await new DataSource({ type: 'postgres', url }).initialize();
  try {
    await work(ds);
  } finally {
    await ds.destroy();
  }
}

/** Resolves once `url` answers 2xx. */
export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${last})`);
}

/** The repository root when running from dist/backend/bench. */
export function repoRoot(): string {
  return resolve(__dirname, '..', '..', '..', '..');
}

/** The process kind `npm start` runs under this name: the same script and node flags here. */
export function processSpec(name: string): ProcessSpec {
  const spec = findProcessSpec(name);
  if (!spec) throw new Error(`No process spec named "${name}"`);
  return spec;
}
