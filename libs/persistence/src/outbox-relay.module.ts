import {
  DynamicModule,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppLogger } from '@shop/common';
import { EventPublisher, MessagingRuntime, ensureEventsStream } from '@shop/messaging';
import { OutboxRelay } from './outbox';
import { registerOutboxMetrics } from './outbox/outbox.metrics';

const OUTBOX_SCHEMA = Symbol('OUTBOX_SCHEMA');

/**
 * Runs this instance's outbox relay for one schema: publishes the rows of `<schema>.outbox` to JetStream.
 * Inject `OutboxKicker` and call `kick()` after committing a transaction that wrote to the outbox, for a
 * publish within milliseconds instead of the next poll.
 */
@Injectable()
export class OutboxKicker implements OnApplicationBootstrap, OnModuleDestroy {
  private relay?: OutboxRelay;

  constructor(
    @Inject(OUTBOX_SCHEMA) private readonly schema: string,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly runtime: MessagingRuntime,
    private readonly logger: AppLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await ensureEventsStream(this.runtime.nc, this.runtime.options.prefix);
    const publisher = new EventPublisher(
      this.runtime.nc,
      this.runtime.options.prefix,
      this.runtime.options.service,
    );
    this.relay = new OutboxRelay({
      dataSource: this.dataSource,
      schema: this.schema,
      publish: (m) => publisher.publish(m),
      onError: (err, attempt) =>
        this.logger.write(
          attempt > 3 ? 'error' : 'warn',
          `Outbox relay (${this.schema}) failed, retrying: ${err.message}`,
          {
            context: 'OutboxRelay',
          },
        ),
    });
    this.relay.start();
    registerOutboxMetrics(this.runtime.metrics, this.dataSource, this.schema, () => this.published);
  }

  kick(): void {
    this.relay?.kick();
  }

  get published(): number {
    return this.relay?.published ?? 0;
  }

  async onModuleDestroy(): Promise<void> {
    await this.relay?.stop();
  }
}

@Module({})
export class OutboxRelayModule {
  /** The relay for `<schema>.outbox` (the service's own schema). */
  static forSchema(schema: string): DynamicModule {
    return {
      module: OutboxRelayModule,
      providers: [{ provide: OUTBOX_SCHEMA, useValue: schema }, OutboxKicker],
      exports: [OutboxKicker],
    };
  }
}
