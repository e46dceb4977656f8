import { ConfigError, instanceEnv, loadConfig } from '@shop/common';
import { z } from 'zod';
import { authEnv } from './auth.env';

describe('authEnv', () => {
  it('has a description for each of its variables, and a default for all but the secret', () => {
    const doc = z.toJSONSchema(authEnv, { io: 'input' }) as {
      properties: Record<string, { description?: string; default?: unknown }>;
    };
    const own = Object.keys(doc.properties).filter((name) => !(name in instanceEnv.shape));
    for (const name of own)
      expect({ name, ...doc.properties[name] }).toMatchObject({
        name,
        description: expect.any(String),
        ...(name === 'JWT_SECRET' ? {} : { default: expect.anything() }),
      });
    expect(loadConfig(authEnv, {})).toMatchObject({
      ACCESS_TOKEN_TTL_SECONDS: 900,
      SESSION_CACHE_MS: 10_000,
      BCRYPT_COST: 10,
      SEED_DEMO_ACCOUNTS: true,
    });
  });

  it('applies the production rules of JWT_SECRET', () => {
    expect(() => loadConfig(authEnv, { NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(
      loadConfig(authEnv, { NODE_ENV: 'production', JWT_SECRET: 'a-secret-of-more-than-32-characters!' })
        .JWT_SECRET,
    ).toBe('a-secret-of-more-than-32-characters!');
  });
});
