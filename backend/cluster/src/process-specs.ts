import { availableParallelism } from 'node:os';
import { ServiceName } from '@shop/contracts';

/**
 * One kind of process the supervisor runs. The list below is data: adding a process (for example the
 * SMTP sink) is one more entry. Each entry runs `instances` copies with ids `<name>-1..N`.
 */
export interface ProcessSpec {
  /** Prefix of the instance ids, and the name used for the instance-count settings. */
  readonly name: string;
  /** Compiled entry point, relative to the repository root. */
  readonly script: string;
  /** Instances when neither the environment nor the command line says otherwise. */
  readonly defaultInstances: number;
  /**
   * `fork`: separate child processes. `cluster`: node:cluster workers of the supervisor, so several
   * replicas share one listening port (Node 20 has no SO_REUSEPORT; the cluster primary hands out connections).
   */
  readonly mode?: 'fork' | 'cluster';
  /** A platform service: it sends heartbeats, and `npm start` waits for it before printing the URLs. */
  readonly service?: ServiceName;
  /** Extra environment for every instance. */
  readonly env?: Readonly<Record<string, string>>;
  /** Node flags for this process kind, after INSTANCE_NODE_OPTIONS (so they win). */
  readonly nodeFlags?: readonly string[];
}

const serviceScript = (service: ServiceName) => `dist/backend/${service}/src/main.js`;

/**
 * Services that serve requests get a 16 MB young generation (semi-space). Node's default for a small
 * container and the 1 MB of the others make a server with many requests in flight collect garbage all
 * the time and promote what those requests hold: garbage collection took a quarter of the gateway's CPU
 * with 1 MB, a fifth with 4 MB, and far less with 16 (`npm run bench -- --profile gateway`; full path
 * 0.14–0.16 → 0.105 ms of gateway CPU per request).
 */
const SERVING_YOUNG_GENERATION = ['--max-semi-space-size=16'];

/**
 * Garbage collection on each process's main thread only, when the machine has few cores (GC_THREADS
 * `auto`, the default: two or fewer; `single` or `parallel` to choose). V8 otherwise runs scavenges and
 * marking on helper threads and the main thread waits for them; with a dozen busy processes on two
 * cores those helpers wait for a core themselves, so a scavenge of a millisecond or two became a
 * 3–13 ms pause (`--trace-gc`). `npm run bench`, add-to-cart at 50 connections: p99 47–49 → 38–42 ms
 * and 5 % less CPU per add.
 */
export function gcThreadFlags(
  setting = process.env.GC_THREADS ?? 'auto',
  cores = availableParallelism(),
): string[] {
  if (!['auto', 'single', 'parallel'].includes(setting))
    throw new Error(`GC_THREADS must be auto, single or parallel (got "${setting}")`);
  const single = setting === 'single' || (setting === 'auto' && cores <= 2);
  return single ? ['--single-threaded-gc'] : [];
}

const SERVING_FLAGS = [...SERVING_YOUNG_GENERATION, ...gcThreadFlags()];

/**
 * Two glibc malloc arenas (MALLOC_ARENA_MAX, unless set already) instead of up to eight per core: native
 * memory that a burst spread over the arenas of V8's and libuv's threads stays resident once freed. A
 * gateway quiet after a load held 111–119 MB with the default, 105–108 MB with two arenas.
 */
const SERVING_ENV = { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' };

/** A service that serves requests, with the young generation, GC threads and malloc arenas above. */
function servingService(service: ServiceName, defaultInstances: number): ProcessSpec {
  return {
    name: service,
    script: serviceScript(service),
    defaultInstances,
    service,
    nodeFlags: SERVING_FLAGS,
    env: SERVING_ENV,
  };
}

export const PROCESS_SPECS: readonly ProcessSpec[] = [
  { ...servingService('gateway', 1), mode: 'cluster' },
  servingService('auth', 2),
  servingService('inventory', 3),
  servingService('cart', 2),
  servingService('orders', 2),
  servingService('payment', 2),
  // The local SMTP sink the notification service mails to (SMTP_URL); the admin lists what it received.
  { name: 'smtp-sink', script: 'dist/backend/notification/src/smtp-sink.js', defaultInstances: 1 },
  {
    name: 'notification',
    script: serviceScript('notification'),
    defaultInstances: 1,
    service: 'notification',
  },
];

/** The process kind with this name, if there is one. */
export function findProcessSpec(name: string | undefined): ProcessSpec | undefined {
  return PROCESS_SPECS.find((spec) => spec.name === name);
}
