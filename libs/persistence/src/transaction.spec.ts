import { inlineSql, sqlLiteral } from './transaction';

describe('inlineSql', () => {
  it('writes numbers, booleans, nulls, strings and token arrays in as literals', () => {
    expect(
      inlineSql('SELECT $1::int, $2, $3, $4, $5::uuid[], $10', [
        -5,
        true,
        null,
        "O'Brien",
        ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'],
        0,
        0,
        0,
        0,
        'ten',
      ]),
    ).toBe(
      "SELECT (-5)::int, true, NULL, 'O''Brien', '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'::uuid[], 'ten'",
    );
  });

  it('refuses values it cannot write safely (then the caller uses parameters)', () => {
    expect(inlineSql('SELECT $1', ['back\\slash'])).toBeUndefined();
    expect(inlineSql('SELECT $1', ['nul\0'])).toBeUndefined();
    expect(inlineSql('SELECT $1', [['a,b']])).toBeUndefined();
    expect(inlineSql('SELECT $1::text[]', [['owner', 'null']])).toBeUndefined();
    expect(inlineSql('SELECT $1', [Number.NaN])).toBeUndefined();
    expect(inlineSql('SELECT $1', [{ a: 1 }])).toBeUndefined();
  });

  it('sqlLiteral doubles quotes and refuses backslashes', () => {
    expect(sqlLiteral("it's")).toBe("'it''s'");
    expect(() => sqlLiteral('a\\b')).toThrow();
  });
});
