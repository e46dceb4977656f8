import { ConfigError, loadConfig } from '@shop/common';
import { authEnv } from './auth.env';

describe('authEnv', () => {
  it('applies the production rules of JWT_SECRET', () => {
    expect(() => loadConfig(authEnv, { NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(
      loadConfig(authEnv, { NODE_ENV: 'production', JWT_SECRET: 'a-secret-of-more-than-32-characters!' })
        .JWT_SECRET,
    ).toBe('a-secret-of-more-than-32-characters!');
  });
});
