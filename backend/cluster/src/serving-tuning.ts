import { availableParallelism } from 'node:os';
import { envVar } from '@shop/common';
import { z } from 'zod';

/**
 * Runtime settings of the processes that serve requests. They exist because a dozen busy Node processes
 * share a small machine; each can be switched off for a measurement (see the descriptions and
 * `servingNodeFlags`). Part of `clusterEnv`.
 */
export const servingTuningEnv = z.object({
  GC_THREADS: envVar.oneOf(
    ['auto', 'single', 'parallel'],
    'auto',
    'Garbage collection of the serving instances: on their main thread only (single), with helper threads ' +
      '(parallel, Node’s default), or single on machines with two cores or fewer (auto)',
  ),
  MALLOC_ARENA_MAX: envVar.int(
    2,
    'glibc malloc arenas of each serving instance (glibc’s own default is eight per core)',
    { min: 1, max: 1024 },
  ),
});
export type ServingTuningEnv = z.output<typeof servingTuningEnv>;

/**
 * Node flags of a serving instance.
 *
 * A 16 MB young generation (semi-space): a server with many requests in flight allocates quickly, and a small
 * young generation collects all the time and promotes to the old generation what the waiting requests still
 * hold. The bench's `--node-flags "<service>:--max-semi-space-size=1"` switches it off (the later flag wins).
 *
 * Garbage collection on the main thread only when the machine has few cores (GC_THREADS): V8 otherwise hands
 * scavenging and marking to helper threads and the main thread waits for them; with many processes on two
 * cores those helpers wait for a core themselves, and a short collection becomes a long pause.
 * GC_THREADS=parallel switches it off.
 */
export function servingNodeFlags(env: ServingTuningEnv, cores = availableParallelism()): string[] {
  const single = env.GC_THREADS === 'single' || (env.GC_THREADS === 'auto' && cores <= 2);
  return ['--max-semi-space-size=16', ...(single ? ['--single-threaded-gc'] : [])];
}

/**
 * Environment of a serving instance: few glibc malloc arenas (MALLOC_ARENA_MAX), because native memory that a
 * burst spread over the arenas of V8's and libuv's threads stays resident once freed. A large value switches
 * it off.
 */
export function servingProcessEnv(env: ServingTuningEnv): Record<string, string> {
  return { MALLOC_ARENA_MAX: String(env.MALLOC_ARENA_MAX) };
}
