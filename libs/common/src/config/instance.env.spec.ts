import { z } from 'zod';
import { envVar } from '.';
import {
  DEFAULT_DATABASE_URL,
  DEFAULT_NATS_URL,
  instanceEnv,
  jwtSecretEnv,
  jwtSecretRule,
} from './instance.env';
import { ConfigError, loadConfig } from './load-config';

function problemsOf(schema: z.ZodType, env: Record<string, string>): string[] {
  try {
    loadConfig(schema, env);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems.map((p) => p.variable);
  }
}

describe('instanceEnv', () => {
  it('has a default for everything an instance needs', () => {
    expect(loadConfig(instanceEnv, {})).toEqual({
      DATABASE_URL: DEFAULT_DATABASE_URL,
      DATABASE_REPLICA_URLS: [],
      DATABASE_POOL_SIZE: 5,
      NATS_URL: DEFAULT_NATS_URL,
      SUBJECT_PREFIX: 'shop',
      HEARTBEAT_MS: 500,
      SUSPECT_AFTER_MS: 1000,
      DOWN_AFTER_MS: 2000,
      RPC_TIMEOUT_MS: 5000,
      BREAKER_THRESHOLD: 3,
      BREAKER_COOLDOWN_MS: 5000,
      HEDGE_PERCENT: 5,
      HEDGE_MIN_MS: 20,
      HEDGE_MAX_MS: 1000,
      NATS_SEND_BATCHING: true,
      HEALTH_PORT: 0,
      BIND_HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    });
  });

  it('takes what the test harness, the bench, the chaos run, docker-compose and the Dockerfile pass', () => {
    const config = loadConfig(instanceEnv, {
      NODE_ENV: 'production',
      NATS_URL: 'nats://nats:4222',
      DATABASE_URL: 'postgres://shop:s3cret@postgres:5432/shop',
      SUBJECT_PREFIX: 't_1a2b3c-x',
      INSTANCE_ID: 'auth-2',
      BIND_HOST: '0.0.0.0',
      HEALTH_PORT: '8080',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000000',
    });
    expect(config).toMatchObject({ SUBJECT_PREFIX: 't_1a2b3c-x', INSTANCE_ID: 'auth-2', HEALTH_PORT: 8080 });
    expect(loadConfig(instanceEnv, { NATS_URL: '127.0.0.1:4222' }).NATS_URL).toBe('127.0.0.1:4222');
    expect(loadConfig(instanceEnv, { LOG_LEVEL: 'debug' }).LOG_LEVEL).toBe('debug');
  });

  it('refuses a prefix or instance id that would break a NATS subject', () => {
    expect(problemsOf(instanceEnv, { SUBJECT_PREFIX: 'a.b', INSTANCE_ID: 'x y' })).toEqual([
      'SUBJECT_PREFIX',
      'INSTANCE_ID',
    ]);
  });

  it('refuses timings that contradict each other', () => {
    expect(problemsOf(instanceEnv, { HEARTBEAT_MS: '3000' })).toEqual(['DOWN_AFTER_MS']);
    expect(problemsOf(instanceEnv, { SUSPECT_AFTER_MS: '5000' })).toEqual(['SUSPECT_AFTER_MS']);
    expect(problemsOf(instanceEnv, { HEDGE_MIN_MS: '2000' })).toEqual(['HEDGE_MIN_MS']);
    expect(() => loadConfig(instanceEnv, { HEARTBEAT_MS: '3000' })).toThrow(
      'DOWN_AFTER_MS: must be longer than HEARTBEAT_MS (3000)',
    );
  });

  it('extends into a service schema that keeps the instance rules', () => {
    const serviceEnv = instanceEnv.extend({ SAGA_LEASE_MS: envVar.ms(10_000, 'lease', { min: 100 }) });
    expect(loadConfig(serviceEnv, { SAGA_LEASE_MS: '500' })).toMatchObject({
      SAGA_LEASE_MS: 500,
      HEARTBEAT_MS: 500,
    });
    expect(problemsOf(serviceEnv, { SAGA_LEASE_MS: '1' })).toEqual(['SAGA_LEASE_MS']);
    expect(problemsOf(serviceEnv, { HEARTBEAT_MS: '3000' })).toEqual(['DOWN_AFTER_MS']);
  });

  it('requires a strong JWT_SECRET in production where tokens are signed or verified', () => {
    const authEnv = instanceEnv.extend({ ...jwtSecretEnv }).superRefine(jwtSecretRule);
    expect(loadConfig(authEnv, {}).JWT_SECRET).toBeUndefined();
    expect(problemsOf(authEnv, { NODE_ENV: 'production' })).toEqual(['JWT_SECRET']);
    expect(problemsOf(authEnv, { NODE_ENV: 'production', JWT_SECRET: 'short' })).toEqual(['JWT_SECRET']);
    const strong = 'a-production-secret-of-enough-length-0123456789';
    expect(loadConfig(authEnv, { NODE_ENV: 'production', JWT_SECRET: strong }).JWT_SECRET).toBe(strong);
    expect(() => loadConfig(authEnv, { NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(
      'JWT_SECRET: JWT_SECRET must have at least 32 characters in production (got a value (not shown))',
    );
  });
});
