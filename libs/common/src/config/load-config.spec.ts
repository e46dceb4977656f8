import { z } from 'zod';
import { int, optionalText, url } from './env-kit';
import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  const schema = z.object({
    SIZE: int(5, 'a size', { min: 1, max: 9 }),
    DATABASE_URL: url('postgres://h/db', 'a database', ['postgres']),
    API_SECRET: optionalText('a secret'),
  });

  it('counts an empty or blank variable as not set, and leaves out what the schema does not declare', () => {
    expect(loadConfig(schema, { SIZE: '', DATABASE_URL: '  ', PATH: '/bin' })).toEqual({
      SIZE: 5,
      DATABASE_URL: 'postgres://h/db',
    });
  });

  it('reads the process environment when no environment is given', () => {
    process.env.LOAD_CONFIG_SPEC_SIZE = '7';
    try {
      expect(loadConfig(z.object({ LOAD_CONFIG_SPEC_SIZE: int(1, 'x') })).LOAD_CONFIG_SPEC_SIZE).toBe(7);
    } finally {
      delete process.env.LOAD_CONFIG_SPEC_SIZE;
    }
  });

  it('throws one ConfigError naming every bad variable, with the value given', () => {
    let error: unknown;
    try {
      loadConfig(schema, { SIZE: '0', DATABASE_URL: 'http://h/db' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems).toEqual([
      { variable: 'SIZE', message: 'must be an integer from 1 to 9 (got "0")' },
      { variable: 'DATABASE_URL', message: 'must be a URL starting with postgres:// (got "http://h/db")' },
    ]);
    expect(message).toBe(
      'Invalid configuration:\n' +
        '  SIZE: must be an integer from 1 to 9 (got "0")\n' +
        '  DATABASE_URL: must be a URL starting with postgres:// (got "http://h/db")',
    );
  });

  it('never prints a secret, nor the password inside a URL', () => {
    const strict = z.object({
      API_SECRET: z.string().min(40, { error: 'must have at least 40 characters' }),
      DATABASE_URL: url('postgres://h/db', 'a database', ['postgresql']),
    });
    try {
      loadConfig(strict, { API_SECRET: 'hunter2', DATABASE_URL: 'postgres://shop:hunter2@db/shop' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).not.toContain('hunter2');
      expect((err as ConfigError).problems).toEqual([
        { variable: 'API_SECRET', message: 'must have at least 40 characters (got a value (not shown))' },
        {
          variable: 'DATABASE_URL',
          message: 'must be a URL starting with postgresql:// (got "postgres://shop:***@db/shop")',
        },
      ]);
    }
  });

  it('names a rule across variables by the variable it reports on', () => {
    const pair = z.object({ LOW: int(1, 'low'), HIGH: int(2, 'high') }).superRefine((env, ctx) => {
      if (env.LOW > env.HIGH)
        ctx.addIssue({ code: 'custom', path: ['LOW'], message: 'must not exceed HIGH' });
    });
    expect(() => loadConfig(pair, { LOW: '5' })).toThrow('LOW: must not exceed HIGH (got "5")');
  });
});
