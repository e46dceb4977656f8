import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { AppLogger } from '@shop/common';
import { NotificationEnv } from '../config/notification.env';
import { ServiceLogEntity } from './service-log.entity';

/** Deletes log records older than LOG_STORE_RETENTION_HOURS, every LOG_STORE_SWEEP_MS (by the time index). */
@Injectable()
export class LogRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private readonly retentionMs: number;
  private readonly sweepMs: number;

  constructor(
    @InjectRepository(ServiceLogEntity) private readonly logs: Repository<ServiceLogEntity>,
    private readonly logger: AppLogger,
    config: ConfigService<NotificationEnv, true>,
  ) {
    this.retentionMs = config.get('LOG_STORE_RETENTION_HOURS', { infer: true }) * 3_600_000;
    this.sweepMs = config.get('LOG_STORE_SWEEP_MS', { infer: true });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.sweepMs);
    this.timer.unref();
  }

  /** Deletes the records older than the retention; returns how many. */
  async sweep(now = new Date()): Promise<number> {
    try {
      const result = await this.logs.delete({ time: LessThan(new Date(now.getTime() - this.retentionMs)) });
      return result.affected ?? 0;
    } catch (err) {
      this.logger.write('warn', `Log retention sweep failed: ${(err as Error).message}`, {
        context: 'LogStore',
      });
      return 0;
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}
