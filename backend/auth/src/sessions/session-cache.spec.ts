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
  it('answers from memory until the TTL ends', () => {
    const cache = new SessionCache(1000);
    cache.set(session('s1', 'u1'), 0);
    expect(cache.get('s1', 999)?.sessionId).toBe('s1');
    expect(cache.get('s1', 1000)).toBeUndefined();
  });

  it('never outlives the session itself', () => {
    const cache = new SessionCache(60_000);
    const expiresAt = new Date(500).toISOString();
    cache.set(session('s1', 'u1', expiresAt), 0);
    expect(cache.get('s1', 499)).toBeDefined();
    expect(cache.get('s1', 500)).toBeUndefined();
  });

  it('drops one session on revocation and all of a user on a user change', () => {
    const cache = new SessionCache(60_000);
    cache.set(session('s1', 'u1'), 0);
    cache.set(session('s2', 'u1'), 0);
    cache.set(session('s3', 'u2'), 0);
    cache.drop('s3');
    expect(cache.get('s3', 1)).toBeUndefined();
    cache.dropUser('u1');
    expect(cache.size).toBe(0);
  });

  it('caches nothing when the TTL is 0', () => {
    const cache = new SessionCache(0);
    cache.set(session('s1', 'u1'), 0);
    expect(cache.get('s1', 0)).toBeUndefined();
  });
});
