import { SessionValidation } from '@shop/contracts';

type ValidSession = Extract<SessionValidation, { valid: true }>;

/**
 * This instance's short-lived memory of valid sessions. Entries expire after `ttlMs` (or with the session),
 * and are dropped at once by a revocation or user-change broadcast; the database stays the truth.
 */
export class SessionCache {
  private readonly entries = new Map<string, { value: ValidSession; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 50_000,
  ) {}

  get(sessionId: string, now = Date.now()): ValidSession | undefined {
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return entry.value;
  }

  set(value: ValidSession, now = Date.now()): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const until = Math.min(now + this.ttlMs, Date.parse(value.expiresAt));
    this.entries.set(value.sessionId, { value, until });
  }

  drop(sessionId: string): void {
    this.entries.delete(sessionId);
  }

  dropUser(userId: string): void {
    for (const [sid, entry] of this.entries) if (entry.value.user.id === userId) this.entries.delete(sid);
  }

  get size(): number {
    return this.entries.size;
  }
}
