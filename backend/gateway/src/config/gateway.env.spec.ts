import { ConfigError, loadConfig } from '@shop/common';
import { gatewayEnv } from './gateway.env';

describe('gatewayEnv', () => {
  it('has a default for every gateway variable', () => {
    expect(loadConfig(gatewayEnv, {})).toMatchObject({
      PORT: 3000,
      BODY_LIMIT: 100 * 1024,
      CORS_ORIGINS: [],
      RATE_LIMIT_PER_MINUTE: 6000,
      GATEWAY_REQUEST_TIMEOUT_MS: 10_000,
      SESSION_CHECK_CACHE_MS: 30_000,
      GATEWAY_RELAY_RAW_JSON: true,
      LOG_RETENTION_HOURS: 24,
    });
  });

  it('reads sizes and lists', () => {
    const env = loadConfig(gatewayEnv, {
      BODY_LIMIT: '1mb',
      CORS_ORIGINS: 'http://a.example, http://b.example',
    });
    expect(env.BODY_LIMIT).toBe(1024 * 1024);
    expect(env.CORS_ORIGINS).toEqual(['http://a.example', 'http://b.example']);
  });

  it('names bad variables, the JWT_SECRET production rule and the instance rules included', () => {
    let problems: string[] = [];
    try {
      loadConfig(gatewayEnv, {
        NODE_ENV: 'production',
        BODY_LIMIT: 'huge',
        RATE_LIMIT_PER_MINUTE: '0',
        HEARTBEAT_MS: '5000',
      });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems = err.problems.map((p) => p.variable);
    }
    expect(problems.sort()).toEqual(['BODY_LIMIT', 'DOWN_AFTER_MS', 'JWT_SECRET', 'RATE_LIMIT_PER_MINUTE']);
  });
});
