import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppLogger } from '@shop/common';
import { AuthEnv } from './config/auth.env';
import { SessionsService } from './sessions/sessions.service';
import { LoginThrottleService } from './throttle/login-throttle.service';

/** Periodically deletes ended sessions and stale throttle counters; idempotent, so every instance runs it. */
@Injectable()
export class AuthSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
    private readonly logger: AppLogger,
    private readonly config: ConfigService<AuthEnv, true>,
  ) {}

  onApplicationBootstrap(): void {
    const everyMs = this.config.get('AUTH_SWEEP_INTERVAL_MS', { infer: true });
    this.timer = setInterval(() => void this.sweep(), everyMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    try {
      const sessions = await this.sessions.sweep();
      const counters = await this.throttle.sweep();
      if (sessions || counters)
        this.logger.write('info', `Swept ${sessions} ended sessions, ${counters} throttle counters`, {
          context: 'AuthSweeper',
        });
    } catch (err) {
      this.logger.write('warn', `Sweep failed: ${(err as Error).message}`, { context: 'AuthSweeper' });
    }
  }
}
