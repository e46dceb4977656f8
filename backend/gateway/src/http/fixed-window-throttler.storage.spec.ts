import { FixedWindowThrottlerStorage } from './fixed-window-throttler.storage';

describe('FixedWindowThrottlerStorage', () => {
  let now: number;
  let storage: FixedWindowThrottlerStorage;
  beforeEach(() => {
    now = 1_000_000;
    storage = new FixedWindowThrottlerStorage(() => now);
  });

  it('counts hits per client and throttler within the window', async () => {
    await storage.increment('a', 60_000, 3, 60_000, 'default');
    const second = await storage.increment('a', 60_000, 3, 60_000, 'default');
    const other = await storage.increment('b', 60_000, 3, 60_000, 'default');
    expect(second).toMatchObject({ totalHits: 2, isBlocked: false, timeToExpire: 60 });
    expect(other.totalHits).toBe(1);
  });

  it('blocks the hit after the limit for the block duration, with the time left', async () => {
    for (let i = 0; i < 3; i++) await storage.increment('a', 60_000, 3, 30_000, 'default');
    const over = await storage.increment('a', 60_000, 3, 30_000, 'default');
    expect(over).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    now += 10_000;
    expect(await storage.increment('a', 60_000, 3, 30_000, 'default')).toMatchObject({
      isBlocked: true,
      timeToBlockExpire: 20,
    });
  });

  it('starts a fresh window after the ttl and lets the client through once the block ends', async () => {
    for (let i = 0; i < 4; i++) await storage.increment('a', 1_000, 3, 1_000, 'default');
    now += 1_000;
    expect(await storage.increment('a', 1_000, 3, 1_000, 'default')).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });

  it('forgets idle clients so memory stays bounded', async () => {
    await storage.increment('a', 1_000, 3, 1_000, 'default');
    now += 61_000;
    await storage.increment('b', 1_000, 3, 1_000, 'default');
    expect(storage.size).toBe(1);
  });
});
