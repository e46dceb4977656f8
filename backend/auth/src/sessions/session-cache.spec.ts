import { SessionValidation } from '@shop/contracts';
import { SessionCache } from './session-cache';

type Valid = Extract<SessionValidation, { valid: true }>;

const session = (sessionId: string, userId: string, expiresAt = '2100-01-01T00:00:00.000Z'): Valid => ({
  valid: true,
  sessionId,
  expiresAt,
  user: { id: userId, email: `${userId}@x.test`, role: 'customer', tier: 'normal', createdAt: expiresAt },
});

describe('SessionCache', () => {
  const start = 1_000_000;
  let clock = start;
  const now = () => clock;
  beforeEach(() => (clock = start));

  it('answers from memory until the TTL ends', () => {
    const cache = new SessionCache(1000, { now });
    cache.set(session('s1', 'u1'), start);
    clock = start + 999;
    expect(cache.get('s1')?.sessionId).toBe('s1');
    clock = start + 1001;
    expect(cache.get('s1')).toBeUndefined();
  });

  it('never outlives the session itself', () => {
    const cache = new SessionCache(60_000, { now });
    cache.set(session('s1', 'u1', new Date(start + 500).toISOString()), start);
    clock = start + 499;
    expect(cache.get('s1')).toBeDefined();
    clock = start + 501;
    expect(cache.get('s1')).toBeUndefined();
  });

  it('drops one session on revocation and all of a user on a user change', () => {
    const cache = new SessionCache(60_000, { now });
    cache.set(session('s1', 'u1'), start);
    cache.set(session('s2', 'u1'), start);
    cache.set(session('s3', 'u2'), start);
    cache.drop('s3');
    expect(cache.get('s3')).toBeUndefined();
    cache.dropUser('u1');
    expect(cache.size).toBe(0);
  });

  it('caches nothing when the TTL is 0', () => {
    const cache = new SessionCache(0);
    cache.set(session('s1', 'u1'), 0);
    expect(cache.get('s1')).toBeUndefined();
  });
});
