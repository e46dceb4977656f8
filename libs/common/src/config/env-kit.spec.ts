import { z } from 'zod';
import {
  flag,
  int,
  list,
  ms,
  oneOf,
  optionalInt,
  optionalText,
  optionalUrl,
  port,
  text,
  url,
  urlOf,
} from './env-kit';
import { ConfigError, loadConfig } from './load-config';

/** The problems `schema` finds in `env`, as "VARIABLE: message" lines. */
function problems(schema: z.ZodType, env: Record<string, string>): string[] {
  try {
    loadConfig(schema, env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.variable}: ${p.message}`);
    throw err;
  }
  return [];
}

describe('environment variable builders', () => {
  const schema = z.object({
    COUNT: int(3, 'a count', { min: 1, max: 10 }),
    WAIT_MS: ms(500, 'a wait'),
    HTTP_PORT: port(0, 'a port'),
    ENABLED: flag(true, 'a switch'),
    DISABLED: flag(false, 'another switch'),
    HOSTS: list('some hosts'),
    DB: url('postgres://h/db', 'a database', ['postgres', 'postgresql']),
    MIRROR: optionalUrl('a mirror', ['https']),
    NAME: text('shop', 'a name'),
    NOTE: optionalText('a note'),
    LIMIT: optionalInt('a limit', { max: 32 }),
    LEVEL: oneOf(['low', 'high'], 'low', 'a level'),
  });

  it('gives the defaults when nothing is set', () => {
    expect(loadConfig(schema, {})).toEqual({
      COUNT: 3,
      WAIT_MS: 500,
      HTTP_PORT: 0,
      ENABLED: true,
      DISABLED: false,
      HOSTS: [],
      DB: 'postgres://h/db',
      NAME: 'shop',
      LEVEL: 'low',
    });
  });

  it('reads the values given, typed', () => {
    const config = loadConfig(schema, {
      COUNT: '10',
      WAIT_MS: '0',
      HTTP_PORT: '65535',
      ENABLED: 'off',
      DISABLED: 'YES',
      HOSTS: ' a, b ,,c ',
      DB: 'postgresql://u:p@db:5432/shop',
      MIRROR: 'https://mirror.example/x',
      NAME: 'other',
      NOTE: 'hello',
      LIMIT: '32',
      LEVEL: 'high',
    });
    expect(config).toEqual({
      COUNT: 10,
      WAIT_MS: 0,
      HTTP_PORT: 65535,
      ENABLED: false,
      DISABLED: true,
      HOSTS: ['a', 'b', 'c'],
      DB: 'postgresql://u:p@db:5432/shop',
      MIRROR: 'https://mirror.example/x',
      NAME: 'other',
      NOTE: 'hello',
      LIMIT: 32,
      LEVEL: 'high',
    });
  });

  it('accepts one boolean dialect: true/false, 1/0, yes/no, on/off in any case', () => {
    for (const yes of ['true', 'TRUE', '1', 'yes', 'On'])
      expect(loadConfig(schema, { DISABLED: yes }).DISABLED).toBe(true);
    for (const no of ['false', 'False', '0', 'no', 'OFF'])
      expect(loadConfig(schema, { ENABLED: no }).ENABLED).toBe(false);
    expect(problems(schema, { ENABLED: 'maybe' })).toEqual([
      'ENABLED: must be true or false (or 1/0, yes/no, on/off) (got "maybe")',
    ]);
  });

  it('refuses numbers out of bounds or not whole, naming the variable and the bounds', () => {
    expect(problems(schema, { COUNT: '0' })).toEqual(['COUNT: must be an integer from 1 to 10 (got "0")']);
    expect(problems(schema, { COUNT: '11' })).toEqual(['COUNT: must be an integer from 1 to 10 (got "11")']);
    expect(problems(schema, { COUNT: '2.5' })).toEqual([
      'COUNT: must be an integer from 1 to 10 (got "2.5")',
    ]);
    expect(problems(schema, { COUNT: 'many' })).toEqual([
      'COUNT: must be an integer from 1 to 10 (got "many")',
    ]);
    expect(problems(schema, { WAIT_MS: '-1' })).toEqual([
      'WAIT_MS: must be a whole number of milliseconds from 0 to 86400000 (got "-1")',
    ]);
    expect(problems(schema, { HTTP_PORT: '70000' })).toEqual([
      'HTTP_PORT: must be a port number from 0 to 65535 (got "70000")',
    ]);
  });

  it('refuses a URL of another scheme, and a word outside the set', () => {
    expect(problems(schema, { DB: 'mysql://h/db' })).toEqual([
      'DB: must be a URL starting with postgres:// or postgresql:// (got "mysql://h/db")',
    ]);
    expect(problems(schema, { LEVEL: 'medium' })).toEqual([
      'LEVEL: must be one of: low, high (got "medium")',
    ]);
  });

  it('checks each item of a list', () => {
    const urls = z.object({ REPLICAS: list('replicas', urlOf(['postgres'])) });
    expect(loadConfig(urls, { REPLICAS: 'postgres://a/x, postgres://b/x' }).REPLICAS).toHaveLength(2);
    expect(problems(urls, { REPLICAS: 'postgres://a/x,http://b' })).toEqual([
      'REPLICAS.1: must be a URL starting with postgres:// (got "postgres://a/x,http://b")',
    ]);
  });

  it('describes every variable, so the schema documents itself', () => {
    const doc = z.toJSONSchema(schema, { io: 'input' }) as {
      properties: Record<
        string,
        { description?: string; default?: unknown; minimum?: number; maximum?: number }
      >;
    };
    for (const [name, property] of Object.entries(doc.properties))
      expect({ name, description: property.description }).toEqual({ name, description: expect.any(String) });
    expect(doc.properties.COUNT).toMatchObject({ default: 3, minimum: 1, maximum: 10 });
    expect(doc.properties.ENABLED).toMatchObject({ default: 'true' });
  });
});
