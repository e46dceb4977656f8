import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CommandBus } from '@nestjs/cqrs';
import { AppLogger } from '@shop/common';
import { InjectMessagingOptions, MessagingOptions } from '@shop/messaging';
import { OrdersEnv } from '../config/orders.env';
import { OrderRepository } from '../order/order.repository';
import { ResumeSagaCommand } from './commands/resume-saga.command';
import { RunningSagas } from './running-sagas';

/**
 * Keeps the leases of this instance's running sagas alive (a heartbeat every third of the lease) and takes
 * over sagas whose lease expired, so a saga of a dead instance is resumed or compensated within the lease and
 * a sweep interval. A saga this instance is still running is never taken over by its own sweeper, even when
 * its lease ran out before a heartbeat came.
 */
@Injectable()
export class SagaLeaseService implements OnApplicationBootstrap, OnModuleDestroy {
  private heartbeat?: NodeJS.Timeout;
  private sweeper?: NodeJS.Timeout;
  private sweeping = false;
  private readonly leaseMs: number;
  private readonly sweepMs: number;

  constructor(
    private readonly orders: OrderRepository,
    private readonly running: RunningSagas,
    private readonly commands: CommandBus,
    private readonly logger: AppLogger,
    @InjectMessagingOptions() private readonly options: MessagingOptions,
    config: ConfigService<OrdersEnv, true>,
  ) {
    this.leaseMs = config.get('SAGA_LEASE_MS', { infer: true });
    this.sweepMs = config.get('SAGA_SWEEP_MS', { infer: true });
  }

  onApplicationBootstrap(): void {
    this.heartbeat = setInterval(() => void this.beat(), Math.max(200, Math.floor(this.leaseMs / 3)));
    this.sweeper = setInterval(() => void this.sweep(), this.sweepMs);
  }

  onModuleDestroy(): void {
    clearInterval(this.heartbeat);
    clearInterval(this.sweeper);
  }

  private async beat(): Promise<void> {
    try {
      await this.orders.extendLeases(this.running.ids(), this.options.instanceId, this.leaseMs);
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
      const orphans = await this.orders.claimExpiredLeases(
        this.options.instanceId,
        this.leaseMs,
        this.running.ids(),
      );
      for (const order of orphans) {
        this.commands.execute(new ResumeSagaCommand(order)).catch((err: Error) =>
          this.logger.write('error', `Resuming order ${order.id} failed: ${err.message}`, {
            correlationId: order.correlationId,
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
