import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { BrokenCircuitError } from 'cockatiel';
import { DomainEventEnvelope, OrderEventPayload } from '@shop/contracts';
import { AppLogger } from '@shop/common';
import { DurableEventConsumer, MessagingRuntime } from '@shop/messaging';
import { MAIL_CONSUMER, MAILED_EVENTS } from './order-mail';
import { NotificationService } from './notification.service';

/**
 * The order events that become e-mail, through a durable JetStream consumer: events published while the
 * service is down wait in the stream, and a failed mail is redelivered later.
 */
@Injectable()
export class MailEventHandlers implements OnApplicationBootstrap, OnModuleDestroy {
  private consumer?: DurableEventConsumer;

  constructor(
    private readonly runtime: MessagingRuntime,
    private readonly notifications: NotificationService,
    private readonly logger: AppLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new DurableEventConsumer(this.runtime.nc, this.runtime.options.prefix, {
      durable: MAIL_CONSUMER,
      types: MAILED_EVENTS,
      retryDelayMs: 2000,
      // While the SMTP breaker is open the failures are expected (its opening was logged once): debug.
      onError: (err, event) =>
        this.logger.write(
          err instanceof BrokenCircuitError ? 'debug' : 'warn',
          `Mail for ${event.type} ${event.id} failed, will retry: ${err.message}`,
          {
            correlationId: (event.payload as { correlationId?: string })?.correlationId,
            context: 'Notification',
          },
        ),
    });
    await this.consumer.start((event) =>
      this.notifications.mailOrderEvent(event as DomainEventEnvelope<OrderEventPayload>),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer?.stop();
  }
}
