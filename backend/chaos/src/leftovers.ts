import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

/**
 * What a run started, written down so a later run can stop it if this one was killed outright (a run killed
 * with SIGKILL cannot stop its NATS server and PostgreSQL): process ids by role, and the servers' data folder.
 */
export interface RunState {
  pids: { [role: string]: number | undefined };
  infraDir: string;
}

const STATE_FILE = 'run-state.json';
const MARKERS: Record<string, string> = {
  runner: 'chaos/main.js',
  infraHost: 'infra-host.js',
  nats: 'nats-server',
  postgres: 'postgres',
  supervisor: 'start.mjs',
};

export function writeRunState(runDir: string, state: RunState): void {
  writeFileSync(join(runDir, STATE_FILE), JSON.stringify(state, null, 2));
}

export function removeRunState(runDir: string): void {
  rmSync(join(runDir, STATE_FILE), { force: true });
}

/** Whether `pid` is alive and its command line contains `marker`. */
export function isRunning(pid: number, marker?: string): boolean {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return marker === undefined || cmdline.includes(marker);
  } catch {
    return false;
  }
}

/** A data folder this tool created: `<tmpdir>/chaos-*` (never delete anything else). */
export function isChaosDataDir(dir: string): boolean {
  return dirname(dir) === tmpdir() && basename(dir).startsWith('chaos-');
}

/**
 * Stops what earlier runs left behind and deletes their servers' data; keeps the `keep` most recent run
 * folders (logs and reports). A run still going on (another terminal) is left alone. Returns what it stopped.
 */
export function cleanUpEarlierRuns(runsDir: string, keep: number): string[] {
  if (!existsSync(runsDir)) return [];
  const stopped: string[] = [];
  const runs = readdirSync(runsDir).sort();
  for (const run of runs) {
    const stateFile = join(runsDir, run, STATE_FILE);
    if (!existsSync(stateFile)) continue;
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as RunState;
    if (state.pids.runner && isRunning(state.pids.runner, MARKERS.runner)) continue;
    for (const [role, pid] of Object.entries(state.pids)) {
      if (pid && isRunning(pid, MARKERS[role])) {
        process.kill(pid, 'SIGKILL');
        stopped.push(`${role} pid ${pid} of run ${run}`);
      }
    }
    if (isChaosDataDir(state.infraDir)) rmSync(state.infraDir, { recursive: true, force: true });
    rmSync(stateFile, { force: true });
  }
  for (const old of runs.slice(0, Math.max(0, runs.length - keep)))
    rmSync(join(runsDir, old), { recursive: true, force: true });
  return stopped;
}
