import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import { InfraCommand, InfraMessage, InfraReady, InfraRestarted } from './infra-protocol';

/**
 * The run's handle on its infrastructure host (infra-host.ts): a NATS server and a PostgreSQL of its own,
 * which it can restart without disturbing anything else on the machine.
 */
export class PrivateInfrastructure {
  private nextId = 1;
  private readonly waiting = new Map<number, (answer: InfraRestarted) => void>();
  private readonly exited: Promise<void>;
  /** The servers' current process ids (a restart gives a new one). */
  readonly pids: { nats: number; postgres: number };
  /** Every server process id seen, restarts included. */
  readonly pidsSeen = new Set<number>();
  /** Called after every restart, with the new pids. */
  onRestart: () => void = () => undefined;

  private constructor(
    private readonly child: ChildProcess,
    readonly ready: InfraReady,
  ) {
    this.exited = new Promise((done) => child.once('exit', () => done()));
    this.pids = { nats: ready.natsPid, postgres: ready.postgresPid };
    this.pidsSeen.add(ready.natsPid).add(ready.postgresPid);
    child.on('message', (message: InfraMessage) => {
      if (message.type !== 'restarted') return;
      if (message.ok) {
        this.pids[message.server] = message.pid;
        this.pidsSeen.add(message.pid);
        this.onRestart();
      }
      this.waiting.get(message.id)?.(message);
      this.waiting.delete(message.id);
    });
  }

  /** Starts the host (its output goes to `logFile`) and resolves once both servers answer. */
  static async start(dir: string, logFile: string): Promise<PrivateInfrastructure> {
    const log = openSync(logFile, 'a');
    const child = spawn(process.execPath, [resolve(__dirname, 'infra-host.js'), dir], {
      stdio: ['ignore', log, log, 'ipc'],
      // Its own process group: a Ctrl-C in the terminal reaches the run only, which stops things in order.
      detached: true,
    });
    closeSync(log);
    const ready = await new Promise<InfraReady>((done, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`the private NATS and PostgreSQL did not start within 120 s (see ${logFile})`)),
        120_000,
      );
      child.on('message', (message: InfraMessage) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          done(message);
        } else if (message.type === 'failed') {
          clearTimeout(timer);
          fail(new Error(`the private infrastructure failed to start: ${message.error} (see ${logFile})`));
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`the private infrastructure exited with code ${code} (see ${logFile})`));
      });
    });
    return new PrivateInfrastructure(child, ready);
  }

  get hostPid(): number | undefined {
    return this.child.pid;
  }

  /** Stops one server, keeps it down for `downMs`, starts it again on the same port and data. */
  restart(server: 'nats' | 'postgres', downMs: number): Promise<InfraRestarted> {
    const id = this.nextId++;
    const answer = new Promise<InfraRestarted>((done) => this.waiting.set(id, done));
    this.command({ type: 'restart', id, server, downMs });
    return answer;
  }

  /** Stops both servers and the host; kills the host if it has not gone within 30 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.command({ type: 'stop' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    await new Promise<void>((done) => {
      this.child.on('message', (m: InfraMessage) => m.type === 'stopped' && done());
      void this.exited.then(done);
    });
    this.child.disconnect?.();
    await this.exited;
    clearTimeout(timer);
  }

  private command(command: InfraCommand): void {
    if (this.child.connected) this.child.send(command);
  }
}
