import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An e-mail the SMTP server accepted, one per event (the event id is the key). */
@Entity({ name: 'sent_notifications' })
export class SentNotificationEntity {
  @PrimaryColumn({ name: 'message_id', type: 'text' })
  messageId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ name: 'order_id', type: 'text', nullable: true })
  orderId!: string | null;

  @Column({ type: 'text' })
  to!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ name: 'smtp_response', type: 'text' })
  smtpResponse!: string;

  @Column({ name: 'sent_at', type: 'timestamptz', default: () => 'now()' })
  sentAt!: Date;
}
