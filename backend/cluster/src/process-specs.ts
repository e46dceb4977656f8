import { exitOnConfigError, loadConfig } from '@shop/common';
import { ServiceName } from '@shop/contracts';
import { servingNodeFlags, servingProcessEnv, servingTuningEnv } from './serving-tuning';

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
   * replicas share one listening port (the cluster primary hands out connections).
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
 * The serving instances' Node flags and environment (`serving-tuning.ts`), from the environment of the process
 * that starts them (the supervisor, the container entry point or the bench). A bad value ends that process
 * with a message naming the variable.
 */
const SERVING_TUNING = (() => {
  try {
    return loadConfig(servingTuningEnv);
  } catch (err) {
    exitOnConfigError(err);
    throw err;
  }
})();
const SERVING_FLAGS = servingNodeFlags(SERVING_TUNING);
const SERVING_ENV = servingProcessEnv(SERVING_TUNING);

/** A service that serves requests, with the serving instances' flags and environment. */
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
