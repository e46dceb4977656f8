import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import {
  DomainEventEnvelope,
  ListMailRequest,
  OrderEventPayload,
  ReceivedMailDto,
  SentNotificationDto,
} from '@shop/contracts';
import { AppError, AppLogger } from '@shop/common';
import { SmtpSinkMailEntity } from '../sink/smtp-sink-mail.entity';
import { Mailer } from './mailer';
import { orderMail } from './order-mail';
import { SentNotificationEntity } from './sent-notification.entity';

/** E-mails to shoppers about their orders, each event mailed once, and the lists of sent and received mail. */
@Injectable()
export class NotificationService {
  constructor(
    @InjectRepository(SentNotificationEntity) private readonly sent: Repository<SentNotificationEntity>,
    @InjectRepository(SmtpSinkMailEntity) private readonly received: Repository<SmtpSinkMailEntity>,
    private readonly mailer: Mailer,
    private readonly logger: AppLogger,
  ) {}

  /**
   * Mails the shopper about an order event, unless this event was already mailed (a redelivery). The sent
   * mail's row, keyed by the event id, is the record that the event was handled.
   */
  async mailOrderEvent(event: DomainEventEnvelope<OrderEventPayload>): Promise<void> {
    if (await this.sent.existsBy({ messageId: event.id })) return;
    const mail = orderMail(event);
    const response = await this.mailer.send(mail, event.id);
    // Recorded after the SMTP server accepted it; a crash in between is the one window for a second mail.
    // Another delivery of the same event that recorded first keeps its row: its mail is the one on record.
    await this.sent
      .createQueryBuilder()
      .insert()
      .values({
        messageId: event.id,
        eventType: event.type,
        orderId: event.payload.orderId,
        to: mail.to,
        subject: mail.subject,
        smtpResponse: response,
      })
      .orIgnore()
      .execute();
    this.logger.write('info', `Mailed "${mail.subject}" to ${mail.to}`, {
      correlationId: event.payload.correlationId,
      context: 'Notification',
    });
  }

  async listSent(req: ListMailRequest): Promise<SentNotificationDto[]> {
    const { to, limit } = checkList(req);
    const rows = await this.sent.find({ where: to ? { to } : {}, order: { sentAt: 'DESC' }, take: limit });
    return rows.map((r) => ({
      messageId: r.messageId,
      eventType: r.eventType,
      to: r.to,
      subject: r.subject,
      smtpResponse: r.smtpResponse,
      sentAt: r.sentAt.toISOString(),
    }));
  }

  async listReceived(req: ListMailRequest): Promise<ReceivedMailDto[]> {
    const { to, limit } = checkList(req);
    const query = this.received.createQueryBuilder('mail').orderBy('mail.id', 'DESC').limit(limit);
    if (to) query.where(':to = ANY(mail.rcptTo)', { to });
    const rows = await query.getMany();
    return rows.map((r) => ({
      id: r.id,
      from: r.mailFrom,
      to: r.rcptTo,
      subject: r.subject,
      text: r.text,
      receivedAt: r.receivedAt.toISOString(),
    }));
  }
}

function checkList(req: ListMailRequest): { to?: string; limit: number } {
  const limit = req?.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw AppError.badRequest('limit must be 1 to 500');
  return { to: req?.to || undefined, limit };
}
