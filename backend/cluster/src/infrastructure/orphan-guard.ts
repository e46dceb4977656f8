import { spawn } from 'node:child_process';
import { Socket } from 'node:net';

/** Stands by while a server runs; `release()` once the server has stopped (or exited on its own). */
export interface OrphanGuard {
  release(): void;
}

/*
 * `read` returns 0 when the owner writes a line (released) and fails at end of file, which the kernel
 * delivers when the owner's end of the pipe closes: when the owner exits, however it exits.
 */
const GUARD_SCRIPT = 'read -r _ || kill -INT "$1" 2>/dev/null';

/**
 * Makes sure the server `pid` does not outlive this process, even when this process is killed with
 * SIGKILL and runs no code at all: a small `sh` blocks reading a pipe from this process and, when the
 * pipe closes without a word, sends the server SIGINT (PostgreSQL's fast shutdown). The guard runs in a
 * session of its own, so a terminal's Ctrl-C or hang-up reaches neither it nor the server. It neither
 * keeps this process alive nor outlives `release()`.
 */
export function guardAgainstOrphan(pid: number): OrphanGuard {
  const guard = spawn('/bin/sh', ['-c', GUARD_SCRIPT, 'orphan-guard', String(pid)], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  guard.on('error', () => undefined);
  guard.stdin.on('error', () => undefined);
  guard.unref();
  if (guard.stdin instanceof Socket) guard.stdin.unref();
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      guard.stdin.end('released\n');
    },
  };
}
