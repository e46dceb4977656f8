import type { ServiceName } from '../services';

/** What an instance says about itself; `starting` and `draining` instances get no new traffic. */
export type InstanceState = 'starting' | 'ready' | 'draining';

/** Published by every instance every 500 ms on `<prefix>.registry.heartbeat.<service>.<instanceId>`. */
export interface InstanceHeartbeat {
  service: ServiceName;
  instanceId: string;
  pid: number;
  host: string;
  version: string;
  /** ISO time the process started. */
  startedAt: string;
  /** ISO time this heartbeat was sent. */
  sentAt: string;
  seq: number;
  state: InstanceState;
  inFlight: number;
  served: number;
  failed: number;
  /** Latency over the recent window (last 1,000 requests or 60 s, whichever is smaller). */
  latencyP50Ms: number;
  latencyP99Ms: number;
  rssBytes: number;
  /** Port of this instance's HTTP liveness/readiness endpoints. */
  healthPort?: number;
}

/** Announced on graceful shutdown so callers drop the instance at once. */
export interface InstanceLeave {
  service: ServiceName;
  instanceId: string;
  reason: string;
}
