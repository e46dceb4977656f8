import { Injectable } from '@nestjs/common';
import { AuthRpc, SessionRevoked, SessionValidation, UserChanged } from '@shop/contracts';
import { AppError, RequestContext, envInt, isAppError } from '@shop/common';
import { OnBroadcast, RpcClient } from '@shop/messaging';

/**
 * Asks the auth service whether an access token's session (`sid`) is still alive, and remembers the answer
 * for a short while per gateway instance (SESSION_CHECK_CACHE_MS, default 30 s). A `session-revoked`
 * broadcast drops the entry at once, so a logout is effective on every instance immediately; a missed
 * broadcast is bounded by the cache lifetime.
 */
@Injectable()
export class SessionValidator {
  private readonly ttlMs = envInt('SESSION_CHECK_CACHE_MS', 30_000);
  private readonly cache = new Map<string, { value: SessionValidation; until: number }>();
  private readonly inFlight = new Map<string, Promise<SessionValidation>>();
  /** Bumped by every broadcast: an answer fetched across a broadcast may be stale and is not cached. */
  private epoch = 0;

  constructor(private readonly rpc: RpcClient) {}

  async check(sessionId: string, ctx: RequestContext): Promise<SessionValidation> {
    const now = Date.now();
    const hit = this.cache.get(sessionId);
    if (hit && hit.until > now) return hit.value;
    if (hit) this.cache.delete(sessionId);
    let pending = this.inFlight.get(sessionId);
    if (!pending) {
      pending = this.fetch(sessionId, ctx).finally(() => this.inFlight.delete(sessionId));
      this.inFlight.set(sessionId, pending);
    }
    return pending;
  }

  private async fetch(sessionId: string, ctx: RequestContext): Promise<SessionValidation> {
    const epoch = this.epoch;
    const value = await this.rpc.call(AuthRpc.validateSession, { sessionId }, ctx).catch((err: unknown) => {
      // Fail closed, but say why: a token cannot be accepted while its session cannot be checked.
      if (isAppError(err)) throw err;
      throw AppError.unavailable(`Cannot check the session: ${(err as Error)?.message ?? err}`);
    });
    if (epoch === this.epoch && this.ttlMs > 0) {
      if (this.cache.size > 50_000) this.cache.clear();
      const until = Math.min(
        Date.now() + this.ttlMs,
        value.valid ? Date.parse(value.expiresAt) : Number.MAX_SAFE_INTEGER,
      );
      this.cache.set(sessionId, { value, until });
    }
    return value;
  }

  @OnBroadcast(SessionRevoked)
  onSessionRevoked(payload: { sid: string }, _ctx: RequestContext): Promise<void> | void {
    this.epoch++;
    this.cache.delete(payload.sid);
    this.inFlight.delete(payload.sid);
  }

  @OnBroadcast(UserChanged)
  onUserChanged(payload: { userId: string }, _ctx: RequestContext): Promise<void> | void {
    this.epoch++;
    for (const [sid, entry] of this.cache)
      if (entry.value.valid && entry.value.user.id === payload.userId) this.cache.delete(sid);
  }
}
