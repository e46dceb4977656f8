import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';

/** The machine and the build a run measured: the report's first table. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  /** Git commit of the measured build (short hash), with `+changes` when the work tree differs from it. */
  commit: string;
}

/** Describes this machine and the checkout at `root`. */
export function describeMachine(root: string): MachineInfo {
  const cores = cpus();
  return {
    cpuModel: cores[0]?.model.trim() || 'unknown',
    cores: cores.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${distribution() ?? type()} (${type()} ${release()})`,
    node: process.version,
    commit: gitCommit(root),
  };
}

/** The distribution's name from /etc/os-release (Linux), if there is one. */
function distribution(): string | undefined {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text)?.[1];
  } catch {
    return undefined;
  }
}

function gitCommit(root: string): string {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  try {
    const hash = git('rev-parse', '--short', 'HEAD');
    // Changes outside .data (where the bench writes) and the report itself make the build differ from HEAD.
    const changed = git('status', '--porcelain', '--untracked-files=no', '--', '.', ':!docs/benchmarks.md');
    return changed ? `${hash}+changes` : hash;
  } catch {
    return 'unknown';
  }
}
