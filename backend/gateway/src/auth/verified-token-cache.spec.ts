import { JwtService } from '@nestjs/jwt';
import { JsonWebTokenError, TokenExpiredError, verify } from 'jsonwebtoken';
import type { AccessTokenClaims } from '@shop/contracts';
import { JwtVerifier, VerifiedTokenCache } from './verified-token-cache';

const SECRET = 'unit-secret-0123456789abcdef0123456789';

describe('VerifiedTokenCache', () => {
  let now: number;
  let calls: number;
  const jwt = new JwtService({ secret: SECRET });
  const counting: JwtVerifier = (token, key, options, done) => {
    calls++;
    verify(token, key as string, options as object, (err, payload) => done(err, payload));
  };
  const run = (verifier: JwtVerifier, token: string) =>
    new Promise<{ err: Error | null; payload?: unknown }>((resolve) =>
      verifier(token, SECRET, { algorithms: ['HS256'] }, (err, payload) => resolve({ err, payload })),
    );
  const token = (expiresInS: number, sub = 'u1') =>
    jwt.sign({ sub, sid: 's1', email: 'a@b.c', role: 'customer', tier: 'normal' }, { expiresIn: expiresInS });

  beforeEach(() => {
    calls = 0;
    now = Date.now();
  });

  it('verifies a token once and answers the same claims from memory until it expires', async () => {
    const cache = new VerifiedTokenCache(100, () => now);
    const verifier = cache.wrap(counting);
    const t = token(60);
    const first = await run(verifier, t);
    const second = await run(verifier, t);
    expect(first.err).toBeNull();
    expect(second.payload).toMatchObject({ sub: 'u1', sid: 's1' });
    expect(calls).toBe(1);
    expect(Object.isFrozen(second.payload)).toBe(true);

    // Past its expiry the token is verified again, and the verifier refuses it.
    now += 61_000;
    expect(cache.get(t)).toBeUndefined();
    const late = await run(
      cache.wrap((tk, key, _o, done) => counting(tk, key, { clockTimestamp: now / 1000 }, done)),
      t,
    );
    expect(late.err).toBeInstanceOf(TokenExpiredError);
    expect(calls).toBe(2);
  });

  it('never remembers a token that failed verification', async () => {
    const cache = new VerifiedTokenCache(100, () => now);
    const verifier = cache.wrap(counting);
    const forged = token(60).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    for (let i = 0; i < 2; i++) expect((await run(verifier, forged)).err).toBeInstanceOf(JsonWebTokenError);
    expect(calls).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('keeps at most maxEntries tokens, dropping the oldest', async () => {
    const cache = new VerifiedTokenCache(2, () => now);
    const verifier = cache.wrap(counting);
    const [a, b, c] = ['u1', 'u2', 'u3'].map((sub) => token(60, sub));
    for (const t of [a, b, c]) await run(verifier, t);
    expect(cache.size).toBe(2);
    expect(cache.get(a)).toBeUndefined();
    expect(cache.get(c)).toMatchObject({ sub: 'u3' } satisfies Partial<AccessTokenClaims>);
  });
});
