import type { InstanceHeartbeat } from './heartbeat';
import type { ServiceName } from '../services';

/** How a caller sees an instance: heartbeat age, admin switches and its own circuit breaker combined. */
export type InstanceStatus = 'healthy' | 'suspect' | 'down' | 'disabled' | 'starting' | 'draining';
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface InstanceHealth extends InstanceHeartbeat {
  status: InstanceStatus;
  lastHeartbeatAgoMs: number;
  disabled: boolean;
  /** The breaker the reporting gateway instance holds for this instance. */
  breaker: BreakerState;
  /** Requests the reporting gateway sent to this instance. */
  routed: number;
}

export interface ServiceHealth {
  name: ServiceName;
  algorithm: string;
  healthy: number;
  total: number;
  instances: InstanceHealth[];
}

/**
 * `GET /api/services/health` and each event of `GET /api/services/health/stream` as an admin sees them:
 * every instance with its heartbeat figures (pid, host, memory), routing and breaker.
 */
export interface ClusterHealth {
  view: 'detail';
  generatedAt: string;
  reporter: string;
  services: ServiceHealth[];
}

/** `up`: every instance healthy; `degraded`: some; `down`: none (or no instance at all). */
export type ServiceStatus = 'up' | 'degraded' | 'down';

export interface ServiceHealthSummary {
  name: ServiceName;
  status: ServiceStatus;
  healthy: number;
  total: number;
}

/** The same routes for everyone else: each service up or down with its instance counts, nothing more. */
export interface ClusterHealthSummary {
  view: 'summary';
  generatedAt: string;
  services: ServiceHealthSummary[];
}

/** Answer of the `info` method every service implements. */
export interface InstanceInfo {
  service: ServiceName;
  instanceId: string;
  pid: number;
  version: string;
  startedAt: string;
}
