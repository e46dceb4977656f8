import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LRUCache } from 'lru-cache';
import { AuthRpc, SessionRevoked, SessionValidation, UserChanged } from '@shop/contracts';
import { AppError, RequestContext, isAppError } from '@shop/common';
import { OnBroadcast, RpcClient } from '@shop/messaging';
import { GatewayEnv } from '../config/gateway.env';

/** Most sessions whose answer one gateway instance remembers (least recently used dropped first). */
const MAX_REMEMBERED_SESSIONS = 50_000;

/**
 * Asks the auth service whether an access token's session (`sid`) is still alive. Every authenticated
 * request needs this answer, so each gateway instance remembers it for SESSION_CHECK_CACHE_MS (0: asks on
 * every request, the switch for an A/B measurement): without it every API call of a signed-in shopper is
 * two calls in the cluster. A `session-revoked` broadcast forgets the session at once, so a logout is
 * effective on every instance immediately; a missed broadcast is bounded by the cache lifetime. A
 * `user-changed` broadcast forgets the user's sessions, so a new role or tier shows on the next request.
 */
@Injectable()
export class SessionValidator {
  private readonly ttlMs: number;
  private readonly answers?: LRUCache<string, SessionValidation>;
  /** Bumped by every broadcast: an answer fetched across a broadcast may be stale and is not remembered. */
  private epoch = 0;

  constructor(
    private readonly rpc: RpcClient,
    config: ConfigService<GatewayEnv, true>,
  ) {
    this.ttlMs = config.get('SESSION_CHECK_CACHE_MS', { infer: true });
    if (this.ttlMs > 0) this.answers = new LRUCache({ max: MAX_REMEMBERED_SESSIONS, ttl: this.ttlMs });
  }

  async check(sessionId: string, ctx: RequestContext): Promise<SessionValidation> {
    const remembered = this.answers?.get(sessionId);
    if (remembered) return remembered;
    const epoch = this.epoch;
    const answer = await this.ask(sessionId, ctx);
    // Never past the session's own expiry.
    const ttl = answer.valid ? Math.min(this.ttlMs, Date.parse(answer.expiresAt) - Date.now()) : this.ttlMs;
    if (epoch === this.epoch && ttl > 0) this.answers?.set(sessionId, answer, { ttl });
    return answer;
  }

  private ask(sessionId: string, ctx: RequestContext): Promise<SessionValidation> {
    return this.rpc.call(AuthRpc.validateSession, { sessionId }, ctx).catch((err: unknown) => {
      // Fail closed, but say why: a token cannot be accepted while its session cannot be checked.
      if (isAppError(err)) throw err;
      throw AppError.unavailable(`Cannot check the session: ${(err as Error)?.message ?? err}`);
    });
  }

  @OnBroadcast(SessionRevoked)
  onSessionRevoked(payload: { sid: string }, _ctx: RequestContext): void {
    this.epoch++;
    this.answers?.delete(payload.sid);
  }

  @OnBroadcast(UserChanged)
  onUserChanged(payload: { userId: string }, _ctx: RequestContext): void {
    this.epoch++;
    if (!this.answers) return;
    const sessions = [...this.answers.entries()]
      .filter(([, answer]) => answer.valid && answer.user.id === payload.userId)
      .map(([sid]) => sid);
    for (const sid of sessions) this.answers.delete(sid);
  }
}
