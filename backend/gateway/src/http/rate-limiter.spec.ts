import { FixedWindowRateLimiter } from './rate-limiter';

describe('FixedWindowRateLimiter', () => {
  let now: number;
  const limiter = (limit: number, windowMs: number, blockMs = windowMs) =>
    new FixedWindowRateLimiter(limit, windowMs, blockMs, () => now);
  beforeEach(() => {
    now = 1_000_000;
  });

  it('lets each client through up to the limit within the window', () => {
    const rl = limiter(3, 60_000);
    expect([1, 2, 3].map(() => rl.hit('a').allowed)).toEqual([true, true, true]);
    expect(rl.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(rl.hit('b').allowed).toBe(true);
  });

  it('keeps a client that went over blocked for the block duration, with the time left', () => {
    const rl = limiter(3, 60_000, 30_000);
    for (let i = 0; i < 3; i++) rl.hit('a');
    expect(rl.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 30 });
    now += 10_000;
    expect(rl.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 20 });
    now += 20_000;
    // Still the same window (60 s) and over the limit: blocked again.
    expect(rl.hit('a').allowed).toBe(false);
  });

  it('starts a fresh window after windowMs and lets the client through once the block ends', () => {
    const rl = limiter(3, 1_000);
    for (let i = 0; i < 4; i++) rl.hit('a');
    expect(rl.hit('a').allowed).toBe(false);
    now += 1_000;
    expect(rl.hit('a').allowed).toBe(true);
  });

  it('never tells a blocked client to retry in less than a second', () => {
    const rl = limiter(1, 60_000, 1_000);
    rl.hit('a');
    rl.hit('a');
    now += 999;
    expect(rl.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('forgets idle clients so memory stays bounded', () => {
    const rl = limiter(3, 1_000);
    rl.hit('a');
    now += 61_000;
    rl.hit('b');
    expect(rl.size).toBe(1);
  });
});
