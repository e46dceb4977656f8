import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DomainEventEnvelope,
  ListMailRequest,
  OrderEventPayload,
  ReceivedMailDto,
  SentNotificationDto,
} from '@shop/contracts';
import { AppError, AppLogger } from '@shop/common';
import { DurableEventConsumer, MessagingRuntime } from '@shop/messaging';
import { wasProcessed } from '@shop/persistence';
import { Mailer } from './mailer';
import { SmtpBreaker, SmtpUnavailableError } from './smtp-breaker';
import { MAILED_EVENTS, orderMail } from './order-mail';

const SCHEMA = 'notification';
const CONSUMER = 'notification-mail';

/**
 * Sends the shopper an e-mail for order events. Consumes the events stream through a durable consumer
 * (events published while the service is down wait in the stream); a message already recorded as
 * processed is skipped, so a redelivery never mails twice.
 */
@Injectable()
export class NotificationService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly mailer = new Mailer(
    undefined,
    new SmtpBreaker((state, detail) =>
      this.logger.write(state === 'open' ? 'warn' : 'info', `SMTP breaker ${state}: ${detail}`, {
        context: 'Notification',
      }),
    ),
  );
  private consumer?: DurableEventConsumer;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly runtime: MessagingRuntime,
    private readonly logger: AppLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new DurableEventConsumer(this.runtime.nc, this.runtime.options.prefix, {
      durable: CONSUMER,
      types: MAILED_EVENTS,
      retryDelayMs: 2000,
      // While the SMTP breaker is open the failures are expected (its opening was logged once): debug.
      onError: (err, event) =>
        this.logger.write(
          err instanceof SmtpUnavailableError ? 'debug' : 'warn',
          `Mail for ${event.type} ${event.id} failed, will retry: ${err.message}`,
          {
            correlationId: (event.payload as { correlationId?: string })?.correlationId,
            context: 'Notification',
          },
        ),
    });
    await this.consumer.start((event) => this.handle(event as DomainEventEnvelope<OrderEventPayload>));
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer?.stop();
    this.mailer.close();
  }

  async handle(event: DomainEventEnvelope<OrderEventPayload>): Promise<void> {
    // While the SMTP breaker is open the mail could not go out: fail before any database work.
    this.mailer.assertAvailable();
    if (await wasProcessed(this.ds.manager, SCHEMA, CONSUMER, event.id)) return;
    const mail = orderMail(event);
    const response = await this.mailer.send(mail, event.id);
    // Record after the SMTP server accepted it; a crash in between is the one window for a second mail.
    // One statement (atomic on its own): processed, and the sent mail only when this delivery recorded it.
    await this.ds.query(
      `WITH p AS (
         INSERT INTO notification.processed_messages (consumer, message_id) VALUES ($7, $1)
         ON CONFLICT DO NOTHING RETURNING message_id)
       INSERT INTO notification.sent_notifications (message_id, event_type, order_id, "to", subject, smtp_response)
       SELECT $1, $2, $3, $4, $5, $6 FROM p ON CONFLICT DO NOTHING`,
      [event.id, event.type, event.payload.orderId, mail.to, mail.subject, response, CONSUMER],
    );
    this.logger.write('info', `Mailed "${mail.subject}" to ${mail.to}`, {
      correlationId: event.payload.correlationId,
      context: 'Notification',
    });
  }

  async listSent(req: ListMailRequest): Promise<SentNotificationDto[]> {
    const { to, limit } = checkList(req);
    const rows: {
      message_id: string;
      event_type: string;
      to: string;
      subject: string;
      smtp_response: string;
      sent_at: Date;
    }[] = await this.ds.query(
      `SELECT * FROM notification.sent_notifications WHERE ($1::text IS NULL OR "to" = $1) ORDER BY sent_at DESC LIMIT $2`,
      [to ?? null, limit],
    );
    return rows.map((r) => ({
      messageId: r.message_id,
      eventType: r.event_type,
      to: r.to,
      subject: r.subject,
      smtpResponse: r.smtp_response,
      sentAt: new Date(r.sent_at).toISOString(),
    }));
  }

  async listReceived(req: ListMailRequest): Promise<ReceivedMailDto[]> {
    const { to, limit } = checkList(req);
    const rows: {
      id: string;
      mail_from: string;
      rcpt_to: string[];
      subject: string;
      text: string;
      received_at: Date;
    }[] = await this.ds.query(
      `SELECT * FROM notification.smtp_sink_mail WHERE ($1::text IS NULL OR $1 = ANY(rcpt_to)) ORDER BY id DESC LIMIT $2`,
      [to ?? null, limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      from: r.mail_from,
      to: r.rcpt_to,
      subject: r.subject,
      text: r.text,
      receivedAt: new Date(r.received_at).toISOString(),
    }));
  }
}

function checkList(req: ListMailRequest): { to?: string; limit: number } {
  const limit = req?.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw AppError.badRequest('limit must be 1 to 500');
  return { to: req?.to || undefined, limit };
}
