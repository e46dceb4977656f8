import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode } from '@shop/contracts';
import { AppError } from '@shop/common';
import { AUTH_CONFIG, AuthConfig } from '../config/auth-config';
import { queryRows } from '../db/query-rows';

type ThrottleKind = 'account' | 'address';

/** The throttle keys of one login attempt: the account (even one that does not exist) and the address. */
export function throttleKeys(
  email: string,
  clientIp: string | undefined,
): { key: string; kind: ThrottleKind }[] {
  const keys: { key: string; kind: ThrottleKind }[] = [{ key: `account:${email}`, kind: 'account' }];
  if (clientIp) keys.push({ key: `address:${clientIp}`, kind: 'address' });
  return keys.sort((a, b) => a.key.localeCompare(b.key)); // one lock order everywhere: no deadlocks
}

/**
 * A counted login attempt: the password may be checked now. Call `succeeded` when it was right; a wrong
 * password needs nothing more (the attempt is already counted).
 */
export interface LoginAttempt {
  email: string;
  clientIp?: string;
  /** Seconds a failure of this attempt locks the account or address for (it was the last one allowed). */
  lockoutOnFailure?: number;
  /** The keys this attempt locked (undone if the password turns out right). */
  lockedKeys: string[];
}

interface ThrottleRow {
  failures: number;
  blocked_for: number | null;
  window_over: boolean;
}

/**
 * Login throttling per account and per client address, in PostgreSQL so every auth instance shares it.
 * Each attempt is counted *before* the password is checked, under a row lock, so a burst of concurrent
 * guesses gets no more checks than the limit. The attempt that reaches the limit locks the key for the
 * lockout time; while the window lasts, each further attempt after a lockout locks it again. A successful
 * login clears the account's counter and gives back the address's count for that attempt.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  /** Counts the attempt on every key, or throws RATE_LIMITED (with `retryAfterSeconds`) if any is locked. */
  begin(email: string, clientIp: string | undefined): Promise<LoginAttempt> {
    const keys = throttleKeys(email, clientIp);
    return this.db.transaction(async (m) => {
      const state: { key: string; kind: ThrottleKind; row: ThrottleRow }[] = [];
      for (const { key, kind } of keys) state.push({ key, kind, row: await this.lockRow(m, key) });
      const blockedFor = Math.max(0, ...state.map((s) => s.row.blocked_for ?? 0));
      if (blockedFor > 0) throw tooManyAttempts(blockedFor);

      let lockoutOnFailure: number | undefined;
      const lockedKeys: string[] = [];
      for (const { key, kind, row } of state) {
        const failures = (row.window_over ? 0 : row.failures) + 1;
        const locks = failures >= this.limit(kind);
        await m.query(
          `UPDATE auth.login_throttle
              SET failures = $2,
                  window_started_at = CASE WHEN $3 THEN now() ELSE window_started_at END,
                  blocked_until = CASE WHEN $4 THEN now() + make_interval(secs => $5) END,
                  updated_at = now()
            WHERE key = $1`,
          [key, failures, row.window_over, locks, this.config.loginLockoutSeconds],
        );
        if (locks) {
          lockoutOnFailure = this.config.loginLockoutSeconds;
          lockedKeys.push(key);
        }
      }
      return { email, clientIp, lockoutOnFailure, lockedKeys };
    });
  }

  /** The password was right: forget the account's failures and give back the address's count. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.db.query(`DELETE FROM auth.login_throttle WHERE key = $1`, [`account:${attempt.email}`]);
    if (!attempt.clientIp) return;
    const key = `address:${attempt.clientIp}`;
    await this.db.query(
      `UPDATE auth.login_throttle
          SET failures = greatest(failures - 1, 0),
              blocked_until = CASE WHEN $2 THEN NULL ELSE blocked_until END,
              updated_at = now()
        WHERE key = $1`,
      [key, attempt.lockedKeys.includes(key)],
    );
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

  /** Creates the key's row when missing and locks it for this transaction. */
  private async lockRow(m: EntityManager, key: string): Promise<ThrottleRow> {
    await m.query(
      `INSERT INTO auth.login_throttle (key, failures, window_started_at) VALUES ($1, 0, now())
       ON CONFLICT (key) DO NOTHING`,
      [key],
    );
    const [row] = await queryRows<ThrottleRow>(
      m,
      `SELECT failures,
              ceil(extract(epoch FROM blocked_until - now()))::int AS blocked_for,
              window_started_at < now() - make_interval(secs => $2) AS window_over
         FROM auth.login_throttle WHERE key = $1 FOR UPDATE`,
      [key, this.config.loginWindowSeconds],
    );
    return row;
  }

  private limit(kind: ThrottleKind): number {
    return kind === 'account'
      ? this.config.loginMaxFailuresPerAccount
      : this.config.loginMaxFailuresPerAddress;
  }
}

export function tooManyAttempts(retryAfterSeconds: number): AppError {
  return new AppError(
    ErrorCode.RateLimited,
    `Too many failed sign-in attempts; try again in ${retryAfterSeconds} s`,
    { retryAfterSeconds },
  );
}
