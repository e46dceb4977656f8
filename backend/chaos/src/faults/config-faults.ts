import { Schemas } from '../api/shop-client';

/** What a run injects into the cluster configuration: latency or an error rate on a service or one instance. */
export interface FaultSpec {
  service: NonNullable<Schemas['ConfigCommandDto']['service']>;
  instanceId?: string;
  latencyMs?: number;
  errorRate?: number;
}

/**
 * Where latency and error injections are made: through the admin REST API (`npm run chaos`, as the demo
 * admin), or straight in the cluster configuration store (chaos mode, run by the supervisor).
 */
export interface ConfigFaults {
  /** Injects the fault; answers its id when it took. */
  injectFault(fault: FaultSpec): Promise<string | undefined>;
  /** Removes the fault injected with that id (and any copy of it); true when none is left. */
  clearFault(fault: FaultSpec, id: string): Promise<boolean>;
}
