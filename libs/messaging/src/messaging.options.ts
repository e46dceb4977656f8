import { hostname } from 'node:os';
import { randomBytes, randomUUID } from 'node:crypto';
import { assertSubjectToken, ServiceName } from '@shop/contracts';
import { DEFAULT_NATS_URL, envInt, envString } from '@shop/common';

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
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/** One per process start: never taken from the environment, so two processes never share one. */
const BOOT_ID = randomUUID();

export function messagingOptionsFromEnv(
  service: ServiceName,
  overrides: Partial<MessagingOptions> = {},
): MessagingOptions {
  const instanceId =
    overrides.instanceId ?? process.env.INSTANCE_ID ?? `${service}-${randomBytes(3).toString('hex')}`;
  return {
    service,
    instanceId: assertSubjectToken(instanceId, 'instance id'),
    bootId: BOOT_ID,
    version: process.env.APP_VERSION ?? process.env.npm_package_version ?? '0.1.0',
    host: hostname(),
    prefix: assertSubjectToken(envString('SUBJECT_PREFIX', 'shop'), 'SUBJECT_PREFIX'),
    natsUrl: envString('NATS_URL', DEFAULT_NATS_URL),
    heartbeatMs: envInt('HEARTBEAT_MS', 500),
    suspectAfterMs: envInt('SUSPECT_AFTER_MS', 1000),
    downAfterMs: envInt('DOWN_AFTER_MS', 2000),
    requestTimeoutMs: envInt('RPC_TIMEOUT_MS', 5000),
    breakerCooldownMs: envInt('BREAKER_COOLDOWN_MS', 5000),
    breakerThreshold: envInt('BREAKER_THRESHOLD', 3),
    hedgePercent: envInt('HEDGE_PERCENT', 5),
    hedgeMinMs: envInt('HEDGE_MIN_MS', 20),
    hedgeMaxMs: envInt('HEDGE_MAX_MS', 1000),
    ...overrides,
  };
}
