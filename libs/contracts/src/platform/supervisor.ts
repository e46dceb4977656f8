/**
 * Commands the local supervisor (`npm start`, backend/cluster) answers over NATS request/reply on
 * `Subjects.supervisor(prefix, action)`. Only a cluster run by the supervisor answers them; elsewhere (a
 * container platform, a test that starts processes itself) nobody does, and the caller says so.
 */
export const SupervisorAction = {
  Status: 'status',
  Scale: 'scale',
  ChaosStart: 'chaos-start',
  ChaosStop: 'chaos-stop',
  ChaosStatus: 'chaos-status',
} as const;
export type SupervisorAction = (typeof SupervisorAction)[keyof typeof SupervisorAction];

/** The most instances of one process kind the supervisor runs when asked to scale. */
export const MAX_SCALED_INSTANCES = 8;

/** One process kind the supervisor runs. */
export interface SupervisedProcess {
  /** Process kind (`inventory`, `gateway`, `smtp-sink`, …). */
  name: string;
  /** The instance ids it runs now, in start order (`inventory-1`, `inventory-2`, …). */
  instances: string[];
  /** Whether `scale` accepts it (platform services only). */
  scalable: boolean;
  min: number;
  max: number;
}

export interface SupervisorStatus {
  /** The supervisor process. */
  pid: number;
  host: string;
  processes: SupervisedProcess[];
}

/** Scale one process kind to `instances`, or by `delta` (+1 starts one more, -1 stops the newest). */
export interface ScaleCommand {
  service: string;
  instances?: number;
  delta?: number;
}

/** What a scale command did. */
export interface ScaleResult {
  service: string;
  /** Instance ids before and after. */
  before: string[];
  instances: string[];
  started: string[];
  stopped: string[];
}

/** Why the supervisor refused a command. */
export const ScaleRefusal = {
  UnknownService: 'unknown-service',
  BelowMinimum: 'below-minimum',
  AboveMaximum: 'above-maximum',
  NotScalable: 'not-scalable',
  BadCommand: 'bad-command',
} as const;
export type ScaleRefusal = (typeof ScaleRefusal)[keyof typeof ScaleRefusal];

/** Why the supervisor refused a command: a scale refusal, or a chaos run already running or not running. */
export const SupervisorRefusal = {
  ...ScaleRefusal,
  ChaosRunning: 'chaos-running',
  NoChaosRun: 'no-chaos-run',
} as const;
export type SupervisorRefusal = (typeof SupervisorRefusal)[keyof typeof SupervisorRefusal];

/** The supervisor's reply: the result, or a refusal with a message that names the problem. */
export type SupervisorReply<T> =
  { ok: true; result: T } | { ok: false; refusal: SupervisorRefusal; message: string };
