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
 * The services every order passes through allocate per request: with the 1 MB young generation of the
 * others, garbage collection took ~15 % of their time at 64 buyers; with 8 MB, 5 % in orders
 * (`npm run bench -- --only checkout --profile orders,payment`). Their idle memory stays ≤ 120 MB.
 */
const CHECKOUT_PATH_YOUNG_GENERATION = ['--max-semi-space-size=8'];

export const PROCESS_SPECS: readonly ProcessSpec[] = [
  {
    name: 'gateway',
    script: serviceScript('gateway'),
    defaultInstances: 1,
    mode: 'cluster',
    service: 'gateway',
    // The edge allocates per request (HTTP parsing, Nest's pipeline, NATS frames): with the 1 MB young
    // generation of the other instances, garbage collection took a quarter of its CPU under load
    // (`npm run bench -- --profile gateway`). 4 MB keeps its idle memory well under 120 MB.
    nodeFlags: ['--max-semi-space-size=4'],
  },
  { name: 'auth', script: serviceScript('auth'), defaultInstances: 2, service: 'auth' },
  {
    name: 'inventory',
    script: serviceScript('inventory'),
    defaultInstances: 3,
    service: 'inventory',
    // 4 MB: its cached seed catalogue already takes part of the 120 MB idle budget (8 MB: 116 MB idle).
    nodeFlags: ['--max-semi-space-size=4'],
  },
  {
    name: 'cart',
    script: serviceScript('cart'),
    defaultInstances: 2,
    service: 'cart',
    // Every add-to-cart answers with the whole cart: garbage collection took ~18 % of its time under load
    // with 1 MB, ~13 % with 4 MB (`npm run bench -- --only catalogue --profile cart`); idle ~100 MB.
    nodeFlags: ['--max-semi-space-size=4'],
  },
  {
    name: 'orders',
    script: serviceScript('orders'),
    defaultInstances: 2,
    service: 'orders',
    nodeFlags: CHECKOUT_PATH_YOUNG_GENERATION,
  },
  {
    name: 'payment',
    script: serviceScript('payment'),
    defaultInstances: 2,
    service: 'payment',
    nodeFlags: CHECKOUT_PATH_YOUNG_GENERATION,
  },
  // The local SMTP sink the notification service mails to (SMTP_URL); the admin lists what it received.
  { name: 'smtp-sink', script: 'dist/backend/notification/src/smtp-sink.js', defaultInstances: 1 },
  {
    name: 'notification',
    script: serviceScript('notification'),
    defaultInstances: 1,
    service: 'notification',
  },
];
