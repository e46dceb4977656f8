import { isSubjectToken } from '@shop/contracts';
import { z } from 'zod';
import { jwtSecret } from '../jwt-secret';
import { flag, int, list, ms, oneOf, optionalText, port, text, url, urlOf } from './env-kit';

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/shop';

const POSTGRES = ['postgres', 'postgresql'];
const TOKEN_RULE = 'must be letters, digits, "_" and "-" only';

/** The database variables of a service with a database (part of `instanceEnv`). */
export const databaseEnv = z.object({
  DATABASE_URL: url(
    DEFAULT_DATABASE_URL,
    'PostgreSQL server and database of the service (the database is created when missing)',
    POSTGRES,
  ),
  DATABASE_REPLICA_URLS: list(
    'Read replicas, comma-separated; reads that accept slightly old data go to them',
    urlOf(POSTGRES),
  ),
  DATABASE_POOL_SIZE: int(5, 'Most connections one instance keeps open to the database', {
    min: 1,
    max: 200,
  }),
});

/**
 * What every instance of every service reads: its place in the cluster (NATS, subject prefix, identity),
 * the timing of heartbeats, RPCs, breakers and hedged reads, its HTTP endpoint for health checks, the database
 * (used by the services that have one) and the log level. A service's own schema extends it:
 * `instanceEnv.extend({ SAGA_LEASE_MS: envVar.ms(10_000, '…') })`.
 */
export const instanceEnv = databaseEnv
  .extend({
    NATS_URL: z
      .string()
      .refine(isNatsServer, {
        error: 'must be a NATS server: nats://host:port (or tls://, ws://, wss://, host:port)',
      })
      .default(DEFAULT_NATS_URL)
      .meta({ description: 'NATS server (JetStream enabled)' }),
    SUBJECT_PREFIX: z.string().refine(isSubjectToken, { error: TOKEN_RULE }).default('shop').meta({
      description: 'First token of every NATS subject; clusters with different prefixes never meet',
    }),
    INSTANCE_ID: z.string().refine(isSubjectToken, { error: TOKEN_RULE }).optional().meta({
      description:
        'Name of this instance in the cluster, kept across restarts (default: the service name and a random suffix)',
    }),
    APP_VERSION: optionalText('Version the instance reports in its heartbeat (default: the package version)'),
    npm_package_version: optionalText(
      'Set by npm for scripts it runs; the version when APP_VERSION is not set',
    ),
    HEARTBEAT_MS: ms(500, 'How often an instance tells the cluster it is alive', { min: 10, max: 60_000 }),
    SUSPECT_AFTER_MS: ms(1000, 'Silence after which an instance is suspect', { min: 10, max: 600_000 }),
    DOWN_AFTER_MS: ms(2000, 'Silence after which an instance counts as down and gets no requests', {
      min: 20,
      max: 600_000,
    }),
    RPC_TIMEOUT_MS: ms(5000, 'Per-attempt timeout of a request whose method declares none', {
      min: 1,
      max: 600_000,
    }),
    BREAKER_THRESHOLD: int(3, 'Consecutive transport failures that open the breaker of an instance', {
      min: 1,
      max: 1000,
    }),
    BREAKER_COOLDOWN_MS: ms(5000, 'How long an open breaker waits before it lets a probe through', {
      min: 1,
      max: 600_000,
    }),
    HEDGE_PERCENT: int(
      5,
      'Share of reads that may get a second copy on another instance, in per cent (0: none)',
      {
        max: 100,
      },
    ),
    HEDGE_MIN_MS: ms(20, 'Shortest wait before a slow read gets its second copy', { max: 60_000 }),
    HEDGE_MAX_MS: ms(1000, 'Longest wait before a slow read gets its second copy', { max: 60_000 }),
    NATS_SEND_BATCHING: flag(
      true,
      'Send the NATS requests and replies of one event-loop turn as one socket write (false: each at once)',
    ),
    HEALTH_PORT: port(0, 'HTTP port of the health endpoints (0: a free port, reported in the heartbeat)'),
    BIND_HOST: text('127.0.0.1', 'Address the HTTP server listens on (0.0.0.0 in a container)'),
    LOG_LEVEL: oneOf(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'info',
      'Lowest level logged',
    ),
    NODE_ENV: optionalText('"production" turns on the production rules (e.g. for JWT_SECRET)'),
  })
  .superRefine((env, ctx) => {
    if (env.DOWN_AFTER_MS <= env.HEARTBEAT_MS)
      ctx.addIssue({
        code: 'custom',
        path: ['DOWN_AFTER_MS'],
        message: `must be longer than HEARTBEAT_MS (${env.HEARTBEAT_MS}): a healthy instance would count as down between two heartbeats`,
      });
    if (env.SUSPECT_AFTER_MS > env.DOWN_AFTER_MS)
      ctx.addIssue({
        code: 'custom',
        path: ['SUSPECT_AFTER_MS'],
        message: `must not be longer than DOWN_AFTER_MS (${env.DOWN_AFTER_MS})`,
      });
    if (env.HEDGE_MIN_MS > env.HEDGE_MAX_MS)
      ctx.addIssue({
        code: 'custom',
        path: ['HEDGE_MIN_MS'],
        message: `must not be longer than HEDGE_MAX_MS (${env.HEDGE_MAX_MS})`,
      });
  });

export type InstanceEnv = z.output<typeof instanceEnv>;

export type DatabaseEnv = z.output<typeof databaseEnv>;

/**
 * The variable of the services that sign or verify access tokens (auth, gateway); add it with the rule:
 * `instanceEnv.extend({ ...jwtSecretEnv, … }).superRefine(jwtSecretRule)`.
 */
export const jwtSecretEnv = {
  JWT_SECRET: optionalText(
    'HS256 secret of the access tokens, the same for auth and gateway; required in production (32+ characters)',
  ),
};

/** The production rules of JWT_SECRET (see `jwtSecret`), as a schema refinement. */
export function jwtSecretRule(env: { NODE_ENV?: string; JWT_SECRET?: string }, ctx: z.RefinementCtx): void {
  try {
    jwtSecret(env);
  } catch (err) {
    ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: (err as Error).message });
  }
}

/** A server address the NATS client takes: a nats/tls/ws/wss URL, or host:port (nats:// implied). */
function isNatsServer(value: string): boolean {
  try {
    const { protocol, hostname } = new URL(value.includes('://') ? value : `nats://${value}`);
    return ['nats:', 'tls:', 'ws:', 'wss:'].includes(protocol) && hostname !== '';
  } catch {
    return false;
  }
}
