import { jwtSecret } from './jwt-secret';

describe('jwtSecret', () => {
  const strong = 'k3Jq9mX2vR8tW4yZ7bN1cD5fG6hL0pS2uA9eQ3iO';

  it('uses JWT_SECRET, and a development secret outside production', () => {
    expect(jwtSecret({ JWT_SECRET: 'short-is-fine-in-tests' })).toBe('short-is-fine-in-tests');
    expect(jwtSecret({})).toMatch(/^dev-only-secret/);
    expect(jwtSecret({ NODE_ENV: 'production', JWT_SECRET: strong })).toBe(strong);
  });

  it('refuses to start in production without a secret of its own', () => {
    expect(() => jwtSecret({ NODE_ENV: 'production' })).toThrow(/must be set in production/);
    const devDefault = jwtSecret({});
    expect(() => jwtSecret({ NODE_ENV: 'production', JWT_SECRET: devDefault })).toThrow(
      /published with the code/,
    );
    expect(() =>
      jwtSecret({ NODE_ENV: 'production', JWT_SECRET: 'compose-only-secret-change-me-0123456789abcdef' }),
    ).toThrow(/published with the code/);
    expect(() => jwtSecret({ NODE_ENV: 'production', JWT_SECRET: 'abc' })).toThrow(/at least 32 characters/);
  });
});
