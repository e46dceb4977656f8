import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ClientInfo,
  SessionRevoked,
  SessionValidation,
  UserChanged,
  UserRole,
  UserTier,
} from '@shop/contracts';
import { AppError, RequestContext, isUuid } from '@shop/common';
import { BroadcastBus, OnBroadcast } from '@shop/messaging';
import { AUTH_CONFIG, AuthConfig } from '../config/auth-config';
import { queryRows } from '../db/query-rows';
import { SessionCache } from './session-cache';
import { hashRefreshToken, newRefreshToken } from './tokens';

export interface OpenedSession {
  sessionId: string;
  userId: string;
  refreshToken: string;
  expiresAt: Date;
}

interface SessionUserRow {
  session_id: string;
  expires_at: Date;
  revoked_at: Date | null;
  user_id: string;
  email: string;
  role: UserRole;
  tier: UserTier;
  user_created_at: Date;
}

/**
 * Server-side sessions in PostgreSQL. Any instance validates any session; validations are cached briefly in
 * memory and dropped when a `session-revoked` or `user-changed` broadcast arrives.
 */
@Injectable()
export class SessionsService {
  readonly cache: SessionCache;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    private readonly broadcasts: BroadcastBus,
  ) {
    this.cache = new SessionCache(config.sessionCacheMs);
  }

  async open(userId: string, client: ClientInfo): Promise<OpenedSession> {
    const refreshToken = newRefreshToken();
    const [row] = await queryRows<{ id: string; expires_at: Date }>(
      this.db,
      `INSERT INTO auth.sessions (user_id, refresh_token_hash, expires_at, client_ip, user_agent)
       VALUES ($1, $2, now() + make_interval(secs => $3), $4, $5)
       RETURNING id, expires_at`,
      [userId, hashRefreshToken(refreshToken), this.config.sessionTtlSeconds, ...clientColumns(client)],
    );
    return { sessionId: row.id, userId, refreshToken, expiresAt: row.expires_at };
  }

  /**
   * Exchanges a refresh token for a new one (one atomic UPDATE, so two concurrent refreshes with the same
   * token cannot both win) and extends the session. A token that was already rotated away ends the session.
   */
  async rotate(refreshToken: string, client: ClientInfo, ctx: RequestContext): Promise<OpenedSession> {
    const oldHash = hashRefreshToken(refreshToken);
    const next = newRefreshToken();
    const [row] = await queryRows<{ id: string; user_id: string; expires_at: Date }>(
      this.db,
      `UPDATE auth.sessions
          SET refresh_token_hash = $2, previous_refresh_hash = $1,
              expires_at = now() + make_interval(secs => $3), last_used_at = now(), updated_at = now(),
              client_ip = coalesce($4, client_ip), user_agent = coalesce($5, user_agent)
        WHERE refresh_token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
        RETURNING id, user_id, expires_at`,
      [oldHash, hashRefreshToken(next), this.config.sessionTtlSeconds, ...clientColumns(client)],
    );
    if (row) {
      this.cache.drop(row.id);
      return { sessionId: row.id, userId: row.user_id, refreshToken: next, expiresAt: row.expires_at };
    }
    const [reused] = await queryRows<{ id: string }>(
      this.db,
      `SELECT id FROM auth.sessions WHERE previous_refresh_hash = $1 AND revoked_at IS NULL`,
      [oldHash],
    );
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
    const rows = await queryRows<{ id: string }>(
      this.db,
      `UPDATE auth.sessions SET revoked_at = now(), revoked_reason = $3, updated_at = now()
        WHERE id = $1 AND ($2::uuid IS NULL OR user_id = $2::uuid) AND revoked_at IS NULL
        RETURNING id`,
      [sessionId, userId ?? null, reason],
    );
    this.cache.drop(sessionId);
    if (rows.length > 0) this.broadcasts.publish(SessionRevoked, { sid: sessionId }, ctx);
    return rows.length > 0;
  }

  /**
   * Revokes the session `sessionId` if `refreshToken` is its current refresh token: a sign-out by the holder
   * of the refresh cookie, whose access token may have expired. Returns false for any other pair.
   */
  async revokeByRefreshToken(sessionId: string, refreshToken: string, ctx: RequestContext): Promise<boolean> {
    if (!isUuid(sessionId) || !refreshToken) return false;
    const [row] = await queryRows<{ id: string }>(
      this.db,
      `SELECT id FROM auth.sessions WHERE id = $1 AND refresh_token_hash = $2 AND revoked_at IS NULL`,
      [sessionId, hashRefreshToken(refreshToken)],
    );
    return row ? this.revoke(row.id, undefined, 'logout', ctx) : false;
  }

  async validate(sessionId: string): Promise<SessionValidation> {
    const cached = this.cache.get(sessionId);
    if (cached) return cached;
    if (!isUuid(sessionId)) return { valid: false, sessionId, reason: 'unknown' };
    const [row] = await queryRows<SessionUserRow>(
      this.db,
      `SELECT s.id AS session_id, s.expires_at, s.revoked_at,
              u.id AS user_id, u.email, u.role, u.tier, u.created_at AS user_created_at
         FROM auth.sessions s JOIN auth.users u ON u.id = s.user_id
        WHERE s.id = $1`,
      [sessionId],
    );
    if (!row) return { valid: false, sessionId, reason: 'unknown' };
    if (row.revoked_at) return { valid: false, sessionId, reason: 'revoked' };
    if (row.expires_at.getTime() <= Date.now()) return { valid: false, sessionId, reason: 'expired' };
    const valid: SessionValidation = {
      valid: true,
      sessionId,
      expiresAt: row.expires_at.toISOString(),
      user: {
        id: row.user_id,
        email: row.email,
        role: row.role,
        tier: row.tier,
        createdAt: row.user_created_at.toISOString(),
      },
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
    const rows = await queryRows<{ id: string }>(
      this.db,
      `DELETE FROM auth.sessions
        WHERE expires_at < now() - interval '1 day' OR revoked_at < now() - interval '1 day'
        RETURNING id`,
    );
    return rows.length;
  }
}

function clientColumns(client: ClientInfo): [string | null, string | null] {
  return [client.clientIp?.slice(0, 64) ?? null, client.userAgent?.slice(0, 300) ?? null];
}
