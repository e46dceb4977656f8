import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AppLogger } from '@shop/common';
import { InjectMessagingOptions, MessagingOptions } from '@shop/messaging';
import { ORDERS_CONFIG, OrdersConfig } from '../config/orders.config';
import { ResumeSagaCommand } from './commands/resume-saga.command';
import { OrdersRepository } from './orders.repository';
import { SagaStateStore } from './saga-state.store';

/**
 * Keeps the leases of this instance's running sagas alive (heartbeat every third of the lease) and takes
 * over sagas whose lease expired, so a saga of a dead instance is resumed or compensated within
 * lease + sweep interval (10 s + 2 s by default).
 */
@Injectable()
export class SagaLeaseService implements OnApplicationBootstrap, OnModuleDestroy {
  private heartbeat?: NodeJS.Timeout;
  private sweeper?: NodeJS.Timeout;
  private sweeping = false;

  constructor(
    private readonly orders: OrdersRepository,
    private readonly sagas: SagaStateStore,
    private readonly commands: CommandBus,
    private readonly logger: AppLogger,
    @InjectMessagingOptions() private readonly options: MessagingOptions,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { sagaLeaseMs, sagaSweepMs } = this.config;
    this.heartbeat = setInterval(() => void this.beat(), Math.max(200, Math.floor(sagaLeaseMs / 3)));
    this.sweeper = setInterval(() => void this.sweep(), sagaSweepMs);
  }

  onModuleDestroy(): void {
    clearInterval(this.heartbeat);
    clearInterval(this.sweeper);
  }

  private async beat(): Promise<void> {
    try {
      await this.orders.extendLeases(this.sagas.ids(), this.options.instanceId, this.config.sagaLeaseMs);
    } catch (err) {
      this.logger.write('warn', `Saga lease heartbeat failed: ${(err as Error).message}`, {
        context: 'SagaLease',
      });
    }
  }

  async sweep(): Promise<number> {
    if (this.sweeping) return 0;
    this.sweeping = true;
    try {
      const orphans = await this.orders.claimExpiredSagas(this.options.instanceId, this.config.sagaLeaseMs);
      for (const order of orphans) {
        this.commands.execute(new ResumeSagaCommand(order)).catch((err: Error) =>
          this.logger.write('error', `Resuming order ${order.id} failed: ${err.message}`, {
            correlationId: order.correlation_id,
          }),
        );
      }
      return orphans.length;
    } catch (err) {
      this.logger.write('warn', `Saga sweep failed: ${(err as Error).message}`, { context: 'SagaLease' });
      return 0;
    } finally {
      this.sweeping = false;
    }
  }
}
