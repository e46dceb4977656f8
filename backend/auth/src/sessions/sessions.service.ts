import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { ClientInfo, SessionRevoked, SessionValidation, UserChanged } from '@shop/contracts';
import { AppError, RequestContext, isUuid } from '@shop/common';
import { BroadcastBus, OnBroadcast } from '@shop/messaging';
import { AuthEnv } from '../config/auth.env';
import { toUserDto } from '../users/user.mapper';
import { SessionCache } from './session-cache';
import { SessionEntity } from './session.entity';
import { hashRefreshToken, newRefreshToken } from './tokens';

export interface OpenedSession {
  sessionId: string;
  userId: string;
  refreshToken: string;
  expiresAt: Date;
}

const DAY_MS = 24 * 3_600_000;

/**
 * Server-side sessions in PostgreSQL. Any instance validates any session; validations are cached briefly in
 * memory and dropped when a `session-revoked` or `user-changed` broadcast arrives.
 */
@Injectable()
export class SessionsService {
  readonly cache: SessionCache;
  private readonly ttlMs: number;

  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    config: ConfigService<AuthEnv, true>,
    private readonly broadcasts: BroadcastBus,
  ) {
    this.ttlMs = config.get('SESSION_TTL_SECONDS', { infer: true }) * 1000;
    this.cache = new SessionCache(config.get('SESSION_CACHE_MS', { infer: true }));
  }

  async open(userId: string, client: ClientInfo): Promise<OpenedSession> {
    const refreshToken = newRefreshToken();
    const now = Date.now();
    const session = await this.sessions.save(
      this.sessions.create({
        userId,
        refreshTokenHash: hashRefreshToken(refreshToken),
        expiresAt: new Date(now + this.ttlMs),
        lastUsedAt: new Date(now),
        ...clientColumns(client),
      }),
    );
    return { sessionId: session.id, userId, refreshToken, expiresAt: session.expiresAt };
  }

  /**
   * Exchanges a refresh token for a new one and extends the session. One conditional UPDATE on the current
   * token's hash, so of two concurrent refreshes with the same token exactly one wins. A token that was
   * already rotated away ends the session.
   */
  async rotate(refreshToken: string, client: ClientInfo, ctx: RequestContext): Promise<OpenedSession> {
    const oldHash = hashRefreshToken(refreshToken);
    const next = newRefreshToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.ttlMs);
    const { raw } = await this.sessions
      .createQueryBuilder()
      .update()
      .set({
        refreshTokenHash: hashRefreshToken(next),
        previousRefreshHash: oldHash,
        expiresAt,
        lastUsedAt: now,
        ...clientColumns(client),
      })
      .where({ refreshTokenHash: oldHash, revokedAt: IsNull() })
      .andWhere('expires_at > :now', { now })
      .returning(['id', 'userId'])
      .execute();
    const [rotated] = raw as { id: string; user_id: string }[];
    if (rotated) {
      this.cache.drop(rotated.id);
      return { sessionId: rotated.id, userId: rotated.user_id, refreshToken: next, expiresAt };
    }
    const reused = await this.sessions.findOneBy({ previousRefreshHash: oldHash, revokedAt: IsNull() });
    if (reused) {
      await this.revoke(reused.id, undefined, 'refresh-reuse', ctx);
      throw AppError.unauthorized('This refresh token was already used; the session has been ended');
    }
    throw AppError.unauthorized('Invalid or expired refresh token');
  }

  /**
   * Revokes a session (of `userId` when given) and tells every instance to forget it.
   * Returns false when there was no such active session.
   */
  async revoke(
    sessionId: string,
    userId: string | undefined,
    reason: string,
    ctx: RequestContext,
  ): Promise<boolean> {
    if (!isUuid(sessionId)) return false;
    const { affected } = await this.sessions.update(
      { id: sessionId, revokedAt: IsNull(), ...(userId === undefined ? {} : { userId }) },
      { revokedAt: new Date(), revokedReason: reason },
    );
    this.cache.drop(sessionId);
    if (affected) this.broadcasts.publish(SessionRevoked, { sid: sessionId }, ctx);
    return Boolean(affected);
  }

  /**
   * Revokes the session `sessionId` if `refreshToken` is its current refresh token: a sign-out by the holder
   * of the refresh cookie, whose access token may have expired. Returns false for any other pair.
   */
  async revokeByRefreshToken(sessionId: string, refreshToken: string, ctx: RequestContext): Promise<boolean> {
    if (!isUuid(sessionId) || !refreshToken) return false;
    const session = await this.sessions.findOneBy({
      id: sessionId,
      refreshTokenHash: hashRefreshToken(refreshToken),
      revokedAt: IsNull(),
    });
    return session ? this.revoke(session.id, undefined, 'logout', ctx) : false;
  }

  async validate(sessionId: string): Promise<SessionValidation> {
    const cached = this.cache.get(sessionId);
    if (cached) return cached;
    if (!isUuid(sessionId)) return { valid: false, sessionId, reason: 'unknown' };
    const session = await this.sessions.findOne({ where: { id: sessionId }, relations: { user: true } });
    if (!session?.user) return { valid: false, sessionId, reason: 'unknown' };
    if (session.revokedAt) return { valid: false, sessionId, reason: 'revoked' };
    if (session.expiresAt.getTime() <= Date.now()) return { valid: false, sessionId, reason: 'expired' };
    const valid: SessionValidation = {
      valid: true,
      sessionId,
      expiresAt: session.expiresAt.toISOString(),
      user: toUserDto(session.user),
    };
    this.cache.set(valid);
    return valid;
  }

  @OnBroadcast(SessionRevoked)
  onSessionRevoked(payload: { sid: string }, _ctx: RequestContext): Promise<void> | void {
    this.cache.drop(payload.sid);
  }

  @OnBroadcast(UserChanged)
  onUserChanged(payload: { userId: string }, _ctx: RequestContext): Promise<void> | void {
    this.cache.dropUser(payload.userId);
  }

  /** Deletes sessions that ended more than a day ago (safe on every instance at once). */
  async sweep(): Promise<number> {
    const dayAgo = new Date(Date.now() - DAY_MS);
    const { affected } = await this.sessions
      .createQueryBuilder()
      .delete()
      .where('expires_at < :dayAgo OR revoked_at < :dayAgo', { dayAgo })
      .execute();
    return affected ?? 0;
  }
}

/** The client's address and user agent, when known (a rotation keeps the stored ones otherwise). */
function clientColumns(client: ClientInfo): Partial<Pick<SessionEntity, 'clientIp' | 'userAgent'>> {
  return {
    ...(client.clientIp ? { clientIp: client.clientIp.slice(0, 64) } : {}),
    ...(client.userAgent ? { userAgent: client.userAgent.slice(0, 300) } : {}),
  };
}
