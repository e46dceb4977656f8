import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Processes a run started, written down so a later run can stop them if this one was killed outright. */
export interface RunPids {
  [role: string]: number | undefined;
}

const MARKERS: Record<string, string> = {
  runner: 'chaos/main.js',
  infraHost: 'infra-host.js',
  nats: 'nats-server',
  postgres: 'postgres',
  supervisor: 'start.mjs',
};

export function writeRunPids(runDir: string, pids: RunPids): void {
  writeFileSync(join(runDir, 'pids.json'), JSON.stringify(pids, null, 2));
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

/**
 * Stops what earlier runs left behind (a run killed with SIGKILL cannot stop its NATS and PostgreSQL) and
 * deletes their server data; keeps the `keep` most recent run folders (logs and reports). Returns what it stopped.
 */
export function cleanUpEarlierRuns(runsDir: string, keep: number): string[] {
  if (!existsSync(runsDir)) return [];
  const stopped: string[] = [];
  const runs = readdirSync(runsDir).sort();
  for (const run of runs) {
    const pidsFile = join(runsDir, run, 'pids.json');
    if (existsSync(pidsFile)) {
      const pids = JSON.parse(readFileSync(pidsFile, 'utf8')) as RunPids;
      // A run still going on (another terminal) is left alone.
      if (pids.runner && isRunning(pids.runner, 'chaos/main.js')) continue;
      for (const [role, pid] of Object.entries(pids)) {
        if (pid && isRunning(pid, MARKERS[role])) {
          process.kill(pid, 'SIGKILL');
          stopped.push(`${role} pid ${pid} of run ${run}`);
        }
      }
      rmSync(pidsFile, { force: true });
    }
    rmSync(join(runsDir, run, 'infra'), { recursive: true, force: true });
  }
  for (const old of runs.slice(0, Math.max(0, runs.length - keep)))
    rmSync(join(runsDir, old), { recursive: true, force: true });
  return stopped;
}
