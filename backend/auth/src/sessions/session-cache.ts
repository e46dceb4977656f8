import { LRUCache } from 'lru-cache';
import { SessionValidation } from '@shop/contracts';

type ValidSession = Extract<SessionValidation, { valid: true }>;

/**
 * This instance's short-lived memory of valid sessions. The gateway asks for a validation on every signed-in
 * request; answering repeats from memory spares the database a query each time. Entries live `ttlMs` (never
 * past the session's own end) and are dropped at once by a revocation or user-change broadcast; the database
 * stays the truth. SESSION_CACHE_MS=0 turns it off.
 */
export class SessionCache {
  private readonly entries?: LRUCache<string, ValidSession>;

  constructor(
    private readonly ttlMs: number,
    options: { max?: number; now?: () => number } = {},
  ) {
    if (ttlMs <= 0) return;
    this.entries = new LRUCache({
      max: options.max ?? 50_000,
      ttl: ttlMs,
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
    });
  }

  get(sessionId: string): ValidSession | undefined {
    return this.entries?.get(sessionId);
  }

  set(value: ValidSession, now = Date.now()): void {
    const ttl = Math.min(this.ttlMs, Date.parse(value.expiresAt) - now);
    if (ttl > 0) this.entries?.set(value.sessionId, value, { ttl });
  }

  drop(sessionId: string): void {
    this.entries?.delete(sessionId);
  }

  dropUser(userId: string): void {
    if (!this.entries) return;
    const sessionIds = [...this.entries.entries()]
      .filter(([, s]) => s.user.id === userId)
      .map(([sid]) => sid);
    for (const sid of sessionIds) this.entries.delete(sid);
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }
}
