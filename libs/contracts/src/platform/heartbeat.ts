import type { ServiceName } from '../services';

/** What an instance says about itself; `starting` and `draining` instances get no new traffic. */
export type InstanceState = 'starting' | 'ready' | 'draining';

/**
 * Exit code of a process that refused to serve because another process (another incarnation) already serves
 * its instance id; a supervisor reports it instead of restarting the process.
 */
export const DUPLICATE_INSTANCE_EXIT_CODE = 78;

/**
 * Exit code of a process that refused to start because its configuration (environment) is invalid; it
 * names each offending variable on stderr. A supervisor reports it instead of restarting the process: the
 * same environment would fail the same way.
 */
export const INVALID_CONFIGURATION_EXIT_CODE = 64;

/** Published by every instance every 500 ms on `<prefix>.registry.heartbeat.<service>.<instanceId>`. */
export interface InstanceHeartbeat {
  service: ServiceName;
  instanceId: string;
  /**
   * Random id of this process run (a new one at every start): with the instance id it names one incarnation,
   * so a restarted or duplicate process with the same instance id is never mistaken for this one.
   */
  bootId: string;
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
  /** Reads this instance's RPC client sent a second copy of because the first was slow (hedges). */
  hedged: number;
  /** Requests this instance's RPC client sent again at once because the instance they waited on died. */
  resent: number;
  rssBytes: number;
  /** Port of this instance's HTTP liveness/readiness endpoints. */
  healthPort?: number;
}

/**
 * Announced on graceful shutdown so callers drop the instance at once, or by a supervisor when one of its
 * processes has ended. It applies to the incarnation named by `bootId` only.
 */
export interface InstanceLeave {
  service: ServiceName;
  instanceId: string;
  bootId: string;
  reason: string;
  /**
   * True when the process has already ended (announced by its supervisor): nothing sent to it will be
   * answered. A graceful leave still answers what it had received.
   */
  exited?: boolean;
}
