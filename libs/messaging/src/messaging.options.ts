import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { assertSubjectToken, ServiceName } from '@shop/contracts';
import { DEFAULT_NATS_URL, envInt, envString } from '@shop/common';

export interface MessagingOptions {
  service: ServiceName;
  instanceId: string;
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
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export function messagingOptionsFromEnv(
  service: ServiceName,
  overrides: Partial<MessagingOptions> = {},
): MessagingOptions {
  const instanceId =
    overrides.instanceId ?? process.env.INSTANCE_ID ?? `${service}-${randomBytes(3).toString('hex')}`;
  return {
    service,
    instanceId: assertSubjectToken(instanceId, 'instance id'),
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
    ...overrides,
  };
}
