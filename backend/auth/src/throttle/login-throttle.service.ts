import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { ErrorCode } from '@shop/contracts';
import { AppError } from '@shop/common';
import { AuthEnv } from '../config/auth.env';
import { LoginThrottleEntity } from './login-throttle.entity';

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

/**
 * Login throttling per account and per client address, in PostgreSQL so every auth instance shares it.
 * Each attempt is counted *before* the password is checked, under a row lock, so a burst of concurrent
 * guesses gets no more checks than the limit. The attempt that reaches the limit locks the key for the
 * lockout time; while the window lasts, each further attempt after a lockout locks it again. A successful
 * login clears the account's counter and gives back the address's count for that attempt.
 */
@Injectable()
export class LoginThrottleService {
  private readonly windowMs: number;
  private readonly lockoutSeconds: number;
  private readonly limits: Record<ThrottleKind, number>;

  constructor(
    @InjectRepository(LoginThrottleEntity) private readonly counters: Repository<LoginThrottleEntity>,
    config: ConfigService<AuthEnv, true>,
  ) {
    this.windowMs = config.get('LOGIN_WINDOW_SECONDS', { infer: true }) * 1000;
    this.lockoutSeconds = config.get('LOGIN_LOCKOUT_SECONDS', { infer: true });
    this.limits = {
      account: config.get('LOGIN_MAX_FAILURES_PER_ACCOUNT', { infer: true }),
      address: config.get('LOGIN_MAX_FAILURES_PER_ADDRESS', { infer: true }),
    };
  }

  /** Counts the attempt on every key, or throws RATE_LIMITED (with `retryAfterSeconds`) if any is locked. */
  begin(email: string, clientIp: string | undefined): Promise<LoginAttempt> {
    const keys = throttleKeys(email, clientIp);
    return this.counters.manager.transaction(async (m) => {
      const now = Date.now();
      const state: { kind: ThrottleKind; counter: LoginThrottleEntity }[] = [];
      // In key order (see throttleKeys), so concurrent attempts on the same keys never deadlock.
      for (const { key, kind } of keys) state.push({ kind, counter: await this.lockCounter(m, key, now) });
      const blockedFor = Math.max(
        0,
        ...state.map(({ counter }) => Math.ceil(((counter.blockedUntil?.getTime() ?? 0) - now) / 1000)),
      );
      if (blockedFor > 0) throw tooManyAttempts(blockedFor);

      let lockoutOnFailure: number | undefined;
      const lockedKeys: string[] = [];
      for (const { kind, counter } of state) {
        const windowOver = counter.windowStartedAt.getTime() < now - this.windowMs;
        const failures = (windowOver ? 0 : counter.failures) + 1;
        const locks = failures >= this.limits[kind];
        await m.update(
          LoginThrottleEntity,
          { id: counter.id },
          {
            failures,
            ...(windowOver ? { windowStartedAt: new Date(now) } : {}),
            blockedUntil: locks ? new Date(now + this.lockoutSeconds * 1000) : null,
          },
        );
        if (locks) {
          lockoutOnFailure = this.lockoutSeconds;
          lockedKeys.push(counter.key);
        }
      }
      return { email, clientIp, lockoutOnFailure, lockedKeys };
    });
  }

  /** The password was right: forget the account's failures and give back the address's count. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.counters.delete({ key: `account:${attempt.email}` });
    if (!attempt.clientIp) return;
    const key = `address:${attempt.clientIp}`;
    await this.counters
      .createQueryBuilder()
      .update()
      .set({
        failures: () => 'greatest(failures - 1, 0)',
        ...(attempt.lockedKeys.includes(key) ? { blockedUntil: null } : {}),
      })
      .where({ key })
      .execute();
  }

  /** Forgets counters whose window and lockout are over (safe on every instance at once). */
  async sweep(): Promise<number> {
    const now = Date.now();
    const { affected } = await this.counters
      .createQueryBuilder()
      .delete()
      .where('window_started_at < :windowStart', { windowStart: new Date(now - this.windowMs) })
      .andWhere('(blocked_until IS NULL OR blocked_until < :now)', { now: new Date(now) })
      .execute();
    return affected ?? 0;
  }

  /** The key's counter, created when missing, locked for the rest of the transaction. */
  private async lockCounter(m: EntityManager, key: string, now: number): Promise<LoginThrottleEntity> {
    await m
      .createQueryBuilder()
      .insert()
      .into(LoginThrottleEntity)
      .values({ key, failures: 0, windowStartedAt: new Date(now) })
      .orIgnore()
      .execute();
    return m.findOneOrFail(LoginThrottleEntity, { where: { key }, lock: { mode: 'pessimistic_write' } });
  }
}

export function tooManyAttempts(retryAfterSeconds: number): AppError {
  return new AppError(
    ErrorCode.RateLimited,
    `Too many failed sign-in attempts; try again in ${retryAfterSeconds} s`,
    { retryAfterSeconds },
  );
}
