import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode } from '@shop/contracts';
import { AppError } from '@shop/common';
import { AUTH_CONFIG, AuthConfig } from '../config/auth-config';
import { queryRows } from '../db/query-rows';

/** The throttle keys of one login attempt: the account (even one that does not exist) and the address. */
export function throttleKeys(
  email: string,
  clientIp: string | undefined,
): { key: string; limit: 'account' | 'address' }[] {
  const keys: { key: string; limit: 'account' | 'address' }[] = [
    { key: `account:${email}`, limit: 'account' },
  ];
  if (clientIp) keys.push({ key: `address:${clientIp}`, limit: 'address' });
  return keys;
}

/**
 * Login throttling per account and per client address, in PostgreSQL so every auth instance shares it.
 * Only failures count. When a key reaches its limit within the window it is blocked for the lockout time;
 * until the window ends, each further failure blocks it again. A successful login clears the account key
 * (not the address key, so one known password cannot reset an address that is guessing others).
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  /** Throws RATE_LIMITED (with `retryAfterSeconds`) when any key of the attempt is blocked. */
  async assertAllowed(email: string, clientIp: string | undefined): Promise<void> {
    const keys = throttleKeys(email, clientIp).map((k) => k.key);
    const [row] = await queryRows<{ retry_after: number | null }>(
      this.db,
      `SELECT ceil(extract(epoch FROM max(blocked_until) - now()))::int AS retry_after
         FROM auth.login_throttle WHERE key = ANY($1) AND blocked_until > now()`,
      [keys],
    );
    if (row?.retry_after && row.retry_after > 0) throw tooManyAttempts(row.retry_after);
  }

  /** Counts a failure on every key; returns the retry delay when this failure blocked one of them. */
  async recordFailure(email: string, clientIp: string | undefined): Promise<number | undefined> {
    let retryAfter: number | undefined;
    for (const { key, limit } of throttleKeys(email, clientIp)) {
      const max =
        limit === 'account' ? this.config.loginMaxFailuresPerAccount : this.config.loginMaxFailuresPerAddress;
      const [row] = await queryRows<{ retry_after: number | null }>(
        this.db,
        `INSERT INTO auth.login_throttle AS t (key, failures, window_started_at, blocked_until)
         VALUES ($1, 1, now(), CASE WHEN 1 >= $2 THEN now() + make_interval(secs => $4) END)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN t.window_started_at < now() - make_interval(secs => $3) THEN 1 ELSE t.failures + 1 END,
           window_started_at = CASE WHEN t.window_started_at < now() - make_interval(secs => $3)
                                    THEN now() ELSE t.window_started_at END,
           blocked_until = CASE
             WHEN (CASE WHEN t.window_started_at < now() - make_interval(secs => $3) THEN 1 ELSE t.failures + 1 END) >= $2
             THEN now() + make_interval(secs => $4)
             ELSE t.blocked_until END,
           updated_at = now()
         RETURNING ceil(extract(epoch FROM blocked_until - now()))::int AS retry_after`,
        [key, max, this.config.loginWindowSeconds, this.config.loginLockoutSeconds],
      );
      if (row?.retry_after && row.retry_after > 0) retryAfter = Math.max(retryAfter ?? 0, row.retry_after);
    }
    return retryAfter;
  }

  async recordSuccess(email: string): Promise<void> {
    await this.db.query(`DELETE FROM auth.login_throttle WHERE key = $1`, [`account:${email}`]);
  }

  /** Forgets counters whose window and lockout are over (safe on every instance at once). */
  async sweep(): Promise<number> {
    const rows = await queryRows<{ id: string }>(
      this.db,
      `DELETE FROM auth.login_throttle
        WHERE window_started_at < now() - make_interval(secs => $1)
          AND (blocked_until IS NULL OR blocked_until < now())
        RETURNING id`,
      [this.config.loginWindowSeconds],
    );
    return rows.length;
  }
}

export function tooManyAttempts(retryAfterSeconds: number): AppError {
  return new AppError(
    ErrorCode.RateLimited,
    `Too many failed sign-in attempts; try again in ${retryAfterSeconds} s`,
    { retryAfterSeconds },
  );
}
