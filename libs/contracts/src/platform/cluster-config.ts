import type { ServiceName } from '../services';

export const BalancingAlgorithm = {
  RoundRobin: 'round-robin',
  LeastConnections: 'least-connections',
  Random: 'random',
  Weighted: 'weighted',
} as const;
export type BalancingAlgorithm = (typeof BalancingAlgorithm)[keyof typeof BalancingAlgorithm];
export const BALANCING_ALGORITHMS: readonly BalancingAlgorithm[] = Object.values(BalancingAlgorithm);

export const ConsistencyMode = { Strong: 'strong', Eventual: 'eventual' } as const;
export type ConsistencyMode = (typeof ConsistencyMode)[keyof typeof ConsistencyMode];

/** A fault injected into one service, or one instance of it, to exercise the resilience mechanisms. */
export interface FaultInjection {
  id: string;
  service: ServiceName;
  /** When set, only this instance is affected. */
  instanceId?: string;
  /** Delay added before every request is handled. */
  latencyMs?: number;
  /** Share of requests (0..1) answered with an UNAVAILABLE error. */
  errorRate?: number;
  /** Requests are received and never answered (callers time out). */
  hang?: boolean;
  /** Matching instances that started before the fault was created exit at once (the supervisor restarts them). */
  crash?: boolean;
  createdAt: string;
  createdBy: string;
}

/**
 * The simulated payment provider's state as the operator sets it: working, every authorization failing at
 * once (`fail`), or every authorization left unanswered until the payment service's provider timeout (`timeout`).
 */
export const PaymentOutage = { None: 'none', Fail: 'fail', Timeout: 'timeout' } as const;
export type PaymentOutage = (typeof PaymentOutage)[keyof typeof PaymentOutage];
export const PAYMENT_OUTAGES: readonly PaymentOutage[] = Object.values(PaymentOutage);

export interface PriorityWeights {
  /** VIP share of the shared workers (VIP:normal = vipWeight:normalWeight). */
  vipWeight: number;
  normalWeight: number;
  /** When true, normal orders run only while the VIP queue is empty. */
  strict: boolean;
}

/** The cluster-wide runtime configuration, replicated through a JetStream key-value bucket. */
export interface ClusterConfig {
  balancing: {
    algorithm: BalancingAlgorithm;
    /** Per-service override of the algorithm. */
    perService: Partial<Record<ServiceName, BalancingAlgorithm>>;
    /** Instance weights for the `weighted` algorithm (default 1). */
    weights: Record<string, number>;
  };
  /** Instance ids the balancers must not pick. */
  disabledInstances: string[];
  faults: FaultInjection[];
  consistency: ConsistencyMode;
  priority: PriorityWeights;
  /** Outage of the payment provider, applied by every payment instance. */
  paymentOutage: PaymentOutage;
  updatedAt: string;
  updatedBy: string;
}

/** A stored configuration with its key-value revision. */
export interface ClusterConfigSnapshot {
  revision: number;
  config: ClusterConfig;
}

export interface ClusterConfigChange {
  revision: number;
  at: string;
  by: string;
  summary: string;
}

export function defaultClusterConfig(): ClusterConfig {
  return {
    balancing: { algorithm: 'round-robin', perService: {}, weights: {} },
    disabledInstances: [],
    faults: [],
    consistency: 'strong',
    priority: { vipWeight: 4, normalWeight: 1, strict: false },
    paymentOutage: 'none',
    updatedAt: new Date(0).toISOString(),
    updatedBy: 'system',
  };
}

/** Actions accepted by `POST /api/services/config`. */
export const ConfigAction = {
  Enable: 'enable',
  Disable: 'disable',
  SetAlgorithm: 'set-algorithm',
  SetWeight: 'set-weight',
  InjectFault: 'inject-fault',
  ClearFault: 'clear-fault',
  ClearFaults: 'clear-faults',
  SetConsistency: 'set-consistency',
  SetPriority: 'set-priority',
  SetPaymentOutage: 'set-payment-outage',
} as const;
export type ConfigAction = (typeof ConfigAction)[keyof typeof ConfigAction];
export const CONFIG_ACTIONS: readonly ConfigAction[] = Object.values(ConfigAction);

/** Body of `POST /api/services/config`; which fields are required depends on `action`. */
export interface ConfigCommand {
  action: ConfigAction;
  service?: ServiceName;
  instanceId?: string;
  algorithm?: BalancingAlgorithm;
  weight?: number;
  faultId?: string;
  latencyMs?: number;
  errorRate?: number;
  hang?: boolean;
  crash?: boolean;
  consistency?: ConsistencyMode;
  vipWeight?: number;
  normalWeight?: number;
  strict?: boolean;
  paymentOutage?: PaymentOutage;
}
