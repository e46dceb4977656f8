import { ChildProcess, spawn } from 'node:child_process';
import cluster, { Worker } from 'node:cluster';
import { Readable } from 'node:stream';
import { DUPLICATE_INSTANCE_EXIT_CODE, INVALID_CONFIGURATION_EXIT_CODE } from '@shop/contracts';
import { RestartBackoff } from './backoff';
import { LineSplitter } from './log-printer';

export interface InstanceLaunch {
  id: string;
  script: string;
  mode: 'fork' | 'cluster';
  nodeFlags: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface InstanceEvents {
  /** One line of the instance's stdout or stderr. */
  line(id: string, line: string): void;
  /** A message from the supervisor about this instance (start, exit, restart). */
  note(id: string, level: 'info' | 'warn' | 'error', message: string): void;
  /** The process `pid` of this instance has ended (whether it will be restarted or not). */
  exited?(id: string, pid: number, how: string): void;
}

type Running = { kind: 'fork'; child: ChildProcess } | { kind: 'cluster'; worker: Worker };

/**
 * One supervised instance: started as a child process (or a node:cluster worker), restarted with
 * exponential backoff whenever it exits while the cluster is running. Keeps its id across restarts.
 * An instance that exits because another process already serves its id (DUPLICATE_INSTANCE_EXIT_CODE), or
 * because its configuration is invalid (INVALID_CONFIGURATION_EXIT_CODE), is not restarted: it would only
 * refuse again.
 */
export class SupervisedInstance {
  private running?: Running;
  private startedAt = 0;
  private restartTimer?: NodeJS.Timeout;
  private stopping = false;
  private exitWaiters: Array<() => void> = [];
  restarts = 0;

  constructor(
    readonly launch: InstanceLaunch,
    private readonly events: InstanceEvents,
    private readonly backoff = new RestartBackoff(),
  ) {}

  get pid(): number | undefined {
    return this.running?.kind === 'fork' ? this.running.child.pid : this.running?.worker.process.pid;
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  start(): void {
    if (this.stopping || this.running) return;
    const { id, script, nodeFlags, env, cwd, mode } = this.launch;
    this.startedAt = Date.now();
    if (mode === 'cluster') {
      // The primary's settings apply to the next fork; the gateway's workers share its listening port.
      cluster.setupPrimary({
        exec: script,
        execArgv: [...nodeFlags, ...exitWithParent()],
        silent: true,
        cwd,
      });
      const worker = cluster.fork(env);
      this.running = { kind: 'cluster', worker };
      this.pipe(worker.process.stdout, worker.process.stderr);
      const pid = worker.process.pid;
      worker.on('exit', (code, signal) => this.onExit(pid, code, (signal as NodeJS.Signals) || null));
    } else {
      const child = spawn(process.execPath, [...nodeFlags, ...exitWithParent(), script], {
        cwd,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        // Own process group: a terminal's Ctrl-C reaches only the supervisor, which stops instances in order.
        detached: true,
      });
      this.running = { kind: 'fork', child };
      this.pipe(child.stdout, child.stderr);
      child.on('error', (err) => this.events.note(id, 'error', `could not start: ${err.message}`));
      child.on('exit', (code, signal) => this.onExit(child.pid, code, signal));
    }
    this.events.note(id, 'info', `started (pid ${this.pid ?? '?'})`);
  }

  /** Sends SIGTERM now and SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs: number): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    if (!this.running) return Promise.resolve();
    const gone = new Promise<void>((resolve) => this.exitWaiters.push(resolve));
    this.signal('SIGTERM');
    const killer = setTimeout(() => {
      this.events.note(this.launch.id, 'warn', `did not stop within ${graceMs} ms; killing it`);
      this.signal('SIGKILL');
    }, graceMs);
    return gone.finally(() => clearTimeout(killer));
  }

  private signal(sig: NodeJS.Signals): void {
    const pid = this.pid;
    if (pid === undefined) return;
    try {
      process.kill(pid, sig);
    } catch {
      // Already gone.
    }
  }

  private pipe(stdout: Readable | null | undefined, stderr: Readable | null | undefined): void {
    for (const stream of [stdout, stderr]) {
      if (!stream) continue;
      const splitter = new LineSplitter((line) => this.events.line(this.launch.id, line));
      stream.on('data', (chunk: Buffer) => splitter.push(chunk));
      stream.on('end', () => splitter.end());
    }
  }

  private onExit(pid: number | undefined, code: number | null, signal: NodeJS.Signals | null): void {
    const uptime = Date.now() - this.startedAt;
    this.running = undefined;
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (pid !== undefined) this.events.exited?.(this.launch.id, pid, how);
    if (this.stopping) {
      this.events.note(this.launch.id, 'info', `stopped (${how})`);
      for (const resolve of this.exitWaiters.splice(0)) resolve();
      return;
    }
    if (code === DUPLICATE_INSTANCE_EXIT_CODE) {
      this.events.note(
        this.launch.id,
        'error',
        `refused to serve: another process already serves ${this.launch.id} under this subject prefix ` +
          '(see its line above); not restarting it. Stop that process, or run this cluster with another ' +
          'SUBJECT_PREFIX.',
      );
      return;
    }
    if (code === INVALID_CONFIGURATION_EXIT_CODE) {
      this.events.note(
        this.launch.id,
        'error',
        'refused to start: its configuration is invalid (its lines above name each variable); not restarting ' +
          'it. Fix the environment and start the cluster again.',
      );
      return;
    }
    const delay = this.backoff.next(uptime);
    this.restarts++;
    this.events.note(
      this.launch.id,
      'warn',
      `exited (${how}) after ${formatMs(uptime)}; restart #${this.restarts} in ${formatMs(delay)}`,
    );
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      this.start();
    }, delay);
  }
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Preload that ends the instance when the supervisor disappears (e.g. killed with SIGKILL). */
function exitWithParent(): string[] {
  return ['--require', require.resolve('./exit-with-parent')];
}
