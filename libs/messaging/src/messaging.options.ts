import { hostname } from 'node:os';
import { randomBytes, randomUUID } from 'node:crypto';
import { assertSubjectToken, ServiceName } from '@shop/contracts';
import { InstanceEnv, instanceEnv, loadConfig } from '@shop/common';

export interface MessagingOptions {
  service: ServiceName;
  instanceId: string;
  /** This process run (new at every start); with the instance id it names the incarnation. */
  bootId: string;
  version: string;
  host: string;
  /** Subject prefix; tests use a unique one so they never hear the running system. */
  prefix: string;
  natsUrl: string;
  heartbeatMs: number;
  suspectAfterMs: number;
  downAfterMs: number;
  /** Default per-attempt timeout of an RPC when the method declares none. */
  requestTimeoutMs: number;
  /** How long an open breaker waits before it lets a probe through. */
  breakerCooldownMs: number;
  breakerThreshold: number;
  /** Reads that may get a second copy on another instance, in per cent of reads (0: no hedging). */
  hedgePercent: number;
  /** Shortest and longest wait before a slow read gets its second copy. */
  hedgeMinMs: number;
  hedgeMaxMs: number;
  /** Whether the NATS sends of one event-loop turn go out as one socket write (`NatsSendBatch`). */
  sendBatching: boolean;
}
export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/** One per process start: never taken from the environment, so two processes never share one. */
const BOOT_ID = randomUUID();

/** The options of an instance of `service` from its validated configuration (`instanceEnv`). */
export function messagingOptionsFrom(
  service: ServiceName,
  env: InstanceEnv,
  overrides: Partial<MessagingOptions> = {},
): MessagingOptions {
  const instanceId =
    overrides.instanceId ?? env.INSTANCE_ID ?? `${service}-${randomBytes(3).toString('hex')}`;
  return {
    service,
    instanceId: assertSubjectToken(instanceId, 'instance id'),
    bootId: BOOT_ID,
    version: env.APP_VERSION ?? env.npm_package_version ?? '0.1.0',
    host: hostname(),
    prefix: env.SUBJECT_PREFIX,
    natsUrl: env.NATS_URL,
    heartbeatMs: env.HEARTBEAT_MS,
    suspectAfterMs: env.SUSPECT_AFTER_MS,
    downAfterMs: env.DOWN_AFTER_MS,
    requestTimeoutMs: env.RPC_TIMEOUT_MS,
    breakerCooldownMs: env.BREAKER_COOLDOWN_MS,
    breakerThreshold: env.BREAKER_THRESHOLD,
    hedgePercent: env.HEDGE_PERCENT,
    hedgeMinMs: env.HEDGE_MIN_MS,
    hedgeMaxMs: env.HEDGE_MAX_MS,
    sendBatching: env.NATS_SEND_BATCHING,
    ...overrides,
  };
}

/**
 * The options of an instance of `service` from `env` (the process environment unless given), checked by
 * `instanceEnv` (a ConfigError names each bad variable): for code that joins the cluster without Nest (tests,
 * the bench).
 */
export function messagingOptionsFromEnv(
  service: ServiceName,
  overrides: Partial<MessagingOptions> = {},
  env?: Record<string, string | undefined>,
): MessagingOptions {
  return messagingOptionsFrom(service, loadConfig(instanceEnv, env), overrides);
}
