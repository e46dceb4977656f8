import { ChildProcess, spawn } from 'node:child_process';
import { WriteStream, createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { SERVICE_NAMES, ServiceName } from '@shop/contracts';

export interface ClusterLaunch {
  root: string;
  natsUrl: string;
  databaseUrl: string;
  prefix: string;
  port: number;
  smtpSinkPort: number;
  /** Instances of every service. */
  instances: number;
  /** Where the supervisor's output (every instance's log lines) goes. */
  logFile: string;
}

/** Ids of every instance the supervisor runs that sends heartbeats. */
export function plannedInstanceIds(instances: number): string[] {
  return SERVICE_NAMES.flatMap((s: ServiceName) =>
    Array.from({ length: instances }, (_, i) => `${s}-${i + 1}`),
  );
}

/**
 * The system under test, run as `npm start` runs it: the supervisor (`backend/cluster/start.mjs`) with
 * every service's instances, which it restarts when they die. It is given the private NATS and PostgreSQL,
 * a unique subject prefix and free ports, and it is stopped when the run ends (or when the run disappears:
 * the supervisor is preloaded with the cluster's exit-with-parent hook, and its instances with their own).
 */
export class ClusterProcess {
  private readonly exited: Promise<void>;
  private readonly log: WriteStream;
  exitCode: number | null = null;
  /** Supervisor notes of instances that exited (kills, crashes), as they were printed. */
  readonly exits: string[] = [];

  private constructor(
    private readonly child: ChildProcess,
    log: WriteStream,
  ) {
    this.log = log;
    this.exited = new Promise((done) =>
      child.once('exit', (code) => {
        this.exitCode = code;
        done();
      }),
    );
  }

  static start(launch: ClusterLaunch): ClusterProcess {
    const counts = SERVICE_NAMES.map((s) => `--${s}=${launch.instances}`);
    const child = spawn(
      process.execPath,
      [
        '--require',
        resolve(launch.root, 'dist/backend/cluster/src/exit-with-parent.js'),
        resolve(launch.root, 'backend/cluster/start.mjs'),
        '--no-web',
        ...counts,
      ],
      {
        cwd: launch.root,
        env: {
          ...process.env,
          SKIP_BUILD: '1',
          SKIP_WEB_BUILD: '1',
          NO_COLOR: '1',
          NATS_URL: launch.natsUrl,
          DATABASE_URL: launch.databaseUrl,
          SUBJECT_PREFIX: launch.prefix,
          PORT: String(launch.port),
          SMTP_SINK_PORT: String(launch.smtpSinkPort),
          SMTP_URL: `smtp://127.0.0.1:${launch.smtpSinkPort}`,
          // Every simulated shopper comes from 127.0.0.1: the per-address limit would throttle the whole load.
          RATE_LIMIT_PER_MINUTE: '1000000',
          SHUTDOWN_GRACE_MS: '8000',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group: a Ctrl-C in the terminal reaches the run only, which stops things in order.
        detached: true,
      },
    );
    const log = createWriteStream(launch.logFile, { flags: 'a' });
    const cluster = new ClusterProcess(child, log);
    let rest = '';
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      const text = rest + chunk.toString('utf8');
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (/ exited \(/.test(line)) cluster.exits.push(line.trim());
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    return cluster;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves when the supervisor exits by itself (it should not while the run goes on). */
  whenExited(): Promise<void> {
    return this.exited;
  }

  /** SIGTERM: the supervisor stops every instance (gateways first) and exits; SIGKILL after `graceMs`. */
  async stop(graceMs = 40_000): Promise<void> {
    if (this.running) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    await new Promise<void>((done) => this.log.end(done));
  }
}
