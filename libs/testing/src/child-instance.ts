import { ChildProcess, spawn } from 'node:child_process';

const MAX_OUTPUT = 256 * 1024;

/** Every child still running, so the exit hook can kill them even when a test run is torn down abruptly. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnInstanceOptions {
  /** Instance id (also used to name the process in diagnostics). */
  name: string;
  /** A built JavaScript entry point, run with this Node binary. */
  script: string;
  /** A command to run instead of `node <script>` (for example a shell entry point and its arguments). */
  argv?: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
}

/**
 * One real OS process (`node dist/...`) started by a test. Its stdout and stderr go to one bounded buffer
 * that failure messages quote; `stop()` sends SIGTERM and falls back to SIGKILL.
 */
export class ChildInstance {
  readonly exited: Promise<ChildExit>;
  private out = '';
  private exit?: ChildExit;
  private readonly lineListeners = new Set<(line: string) => void>();
  private partial = '';
  /** Set when the test itself signals the process, so only surprising exits are reported. */
  private signalled = false;
  private readonly lines: { at: number; line: string }[] = [];

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    live.add(child);
    const capture = (chunk: Buffer) => this.capture(chunk.toString('utf8'));
    child.stdout?.on('data', capture);
    child.stderr?.on('data', capture);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        live.delete(child);
        this.exit = { code, signal };
        if (!this.signalled)
          console.error(`${this.name} exited unexpectedly (code ${code}, signal ${signal}):\n${this.tail()}`);
        resolve(this.exit);
      });
    });
  }

  static spawn(opts: SpawnInstanceOptions): ChildInstance {
    installExitHook();
    const [file, ...args] = opts.argv ?? [process.execPath, opts.script];
    const child = spawn(file, args, {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ChildInstance(opts.name, child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** How the process ended, once it has. */
  get exitStatus(): ChildExit | undefined {
    return this.exit;
  }

  /** Everything the process printed (the last 256 KB). */
  output(): string {
    return this.out;
  }

  /** The end of the output, for failure messages. */
  tail(chars = 4000): string {
    return this.out.length > chars ? `…${this.out.slice(-chars)}` : this.out;
  }

  /** Calls `listener` for every complete output line from now on; returns an unsubscribe function. */
  onLine(listener: (line: string) => void): () => void {
    this.lineListeners.add(listener);
    return () => this.lineListeners.delete(listener);
  }

  /** Resolves with the time (Date.now()) the first output line matching `pattern` was printed. */
  waitForLine(pattern: RegExp, timeoutMs = 15_000): Promise<number> {
    const seen = this.lines.find((l) => pattern.test(l.line));
    if (seen) return Promise.resolve(seen.at);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(
          new Error(
            `${this.name} printed no line matching ${pattern} within ${timeoutMs} ms:\n${this.tail()}`,
          ),
        );
      }, timeoutMs);
      const off = this.onLine((line) => {
        if (!pattern.test(line)) return;
        clearTimeout(timer);
        off();
        resolve(Date.now());
      });
    });
  }

  kill(signal: NodeJS.Signals): void {
    this.signalled = true;
    if (this.running) this.child.kill(signal);
  }

  /** Graceful stop: SIGTERM, then SIGKILL if the process is still alive after `graceMs`. */
  async stop(graceMs = 3000): Promise<ChildExit> {
    if (!this.running) return this.exit!;
    this.kill('SIGTERM');
    const timer = setTimeout(() => this.kill('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  private capture(text: string): void {
    this.out += text;
    if (this.out.length > MAX_OUTPUT) this.out = this.out.slice(-MAX_OUTPUT);
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      this.lines.push({ at: Date.now(), line });
      if (this.lines.length > 2000) this.lines.shift();
      for (const l of this.lineListeners) l(line);
    }
  }
}
