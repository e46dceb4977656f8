import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { readFile, readdir } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { onCleanup } from './cleanup';

/** Node flags for every instance the benchmark starts (the supervisor uses the same). */
export const INSTANCE_NODE_FLAGS = ['--max-semi-space-size=1', ...exitWithParent()];

/**
 * The supervisor's preload that makes an instance stop when its parent is gone, so that even a benchmark
 * killed with SIGKILL leaves no node process behind (used when built).
 */
function exitWithParent(): string[] {
  const preload = join(__dirname, '..', '..', 'cluster', 'src', 'exit-with-parent.js');
  return existsSync(preload) ? ['--require', preload] : [];
}

/** A child process the benchmark started, with its output captured in a log file. */
export interface Child {
  name: string;
  pid: number;
  logFile: string;
  process: ChildProcess;
  exited: boolean;
  exitCode: number | null;
}

/** A port that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Starts a process with its stdout/stderr in `logFile`; it is killed at cleanup (SIGTERM, then SIGKILL). */
export function startChild(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  logFile: string,
): Child {
  const log = createWriteStream(logFile);
  const proc = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout?.pipe(log);
  proc.stderr?.pipe(log);
  if (proc.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  const child: Child = { name, pid: proc.pid, logFile, process: proc, exited: false, exitCode: null };
  proc.on('exit', (code) => {
    child.exited = true;
    child.exitCode = code;
  });
  onCleanup(name, () => stopChild(child));
  return child;
}

/** SIGTERM, wait up to `graceMs`, then SIGKILL. */
export async function stopChild(child: Child, graceMs = 5000): Promise<void> {
  if (child.exited) return;
  const gone = new Promise<void>((resolve) => child.process.once('exit', () => resolve()));
  child.process.kill('SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
  if ((await Promise.race([gone, timer])) === 'timeout') {
    child.process.kill('SIGKILL');
    await gone;
  }
}

/** The last lines of a child's log, for error messages. */
export async function logTail(child: Child, lines = 15): Promise<string> {
  const text = await readFile(child.logFile, 'utf8').catch(() => '');
  return text.split('\n').slice(-lines).join('\n');
}

/** Resolves once something accepts TCP connections on host:port. */
export async function waitForPort(port: number, timeoutMs: number, host = '127.0.0.1'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const sock = connect(port, host, () => {
        sock.destroy();
        resolve(true);
      });
      sock.on('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`nothing listens on ${host}:${port} after ${timeoutMs} ms`);
}

/** Resident set size of a process in MB, from /proc/<pid>/status (VmRSS); null when unreadable. */
export async function rssMb(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match ? Math.round((Number(match[1]) / 1024) * 10) / 10 : null;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; null when unreadable. */
export async function cpuSeconds(pid: number): Promise<number | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15 (clock ticks).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields.length < 13) return null;
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** USER_HZ is 100 on Linux on every common architecture. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * What a CPU figure is read from: one process, several (summed, e.g. every PostgreSQL backend), or
 * `postgres`: the local PostgreSQL server's processes (listed at both ends of the run), or `machine`: every
 * CPU of the host (busy time from /proc/stat), so the per-process figures can be checked against the whole.
 */
export type CpuSource = number | readonly number[] | 'postgres' | 'machine';

/** Busy CPU seconds of the whole machine (all CPUs, everything but idle and iowait). */
async function machineBusySeconds(): Promise<number | null> {
  const stat = await readFile('/proc/stat', 'utf8').catch(() => '');
  const fields = /^cpu\s+(.*)$/m.exec(stat)?.[1].split(/\s+/).map(Number);
  if (!fields || fields.length < 8) return null;
  const [user, nice, system, , , irq, softirq, steal] = fields;
  return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS_PER_SECOND;
}

/** Pids of the local PostgreSQL server's processes (postmaster, backends, writers). */
export async function postgresPids(): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const comm = await readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '');
    if (comm.trim() === 'postgres') pids.push(Number(entry));
  }
  return pids;
}

async function sourceSeconds(source: Exclude<CpuSource, 'postgres'>): Promise<number | null> {
  if (source === 'machine') return machineBusySeconds();
  if (typeof source === 'number') return cpuSeconds(source);
  let total = 0;
  for (const pid of source) total += (await cpuSeconds(pid)) ?? 0;
  return source.length > 0 ? total : null;
}

/**
 * Runs `work` and reports how much CPU each source spent meanwhile, in milliseconds per `count()`
 * unit (e.g. per successful request). On a shared machine this is steadier than throughput alone.
 * `postgres` is listed at both ends: a backend that connected during the run counts from zero.
 */
export async function cpuPerUnit<T>(
  sources: Record<string, CpuSource>,
  work: () => Promise<T>,
  count: (result: T) => number,
): Promise<{ result: T; cpuMsPerUnit: Record<string, number | null> }> {
  const before = await readAll(sources);
  const result = await work();
  const after = await readAll(sources);
  const n = count(result);
  const cpuMsPerUnit: Record<string, number | null> = {};
  for (const name of Object.keys(sources)) {
    const spent = spentSeconds(before[name], after[name]);
    cpuMsPerUnit[name] = spent !== null && n > 0 ? Math.round((spent * 1000 * 1000) / n) / 1000 : null;
  }
  return { result, cpuMsPerUnit };
}

/** CPU seconds of one source (a number) or of each process (pid → seconds) at one moment. */
type CpuReading = number | Map<number, number> | null;

async function readAll(sources: Record<string, CpuSource>): Promise<Record<string, CpuReading>> {
  const out: Record<string, CpuReading> = {};
  for (const [name, source] of Object.entries(sources)) {
    if (source === 'postgres') {
      const perPid = new Map<number, number>();
      for (const pid of await postgresPids()) {
        const seconds = await cpuSeconds(pid);
        if (seconds !== null) perPid.set(pid, seconds);
      }
      out[name] = perPid;
    } else out[name] = await sourceSeconds(source);
  }
  return out;
}

function spentSeconds(before: CpuReading, after: CpuReading): number | null {
  if (before === null || after === null) return null;
  if (typeof before === 'number' || typeof after === 'number')
    return typeof before === 'number' && typeof after === 'number' ? after - before : null;
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}
