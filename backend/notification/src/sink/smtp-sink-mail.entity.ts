import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A message the local SMTP sink received (written by the sink, listed by the notification service). */
@Entity({ name: 'smtp_sink_mail' })
export class SmtpSinkMailEntity {
  /** A bigserial: TypeORM gives it as a string. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ name: 'mail_from', type: 'text' })
  mailFrom!: string;

  @Column({ name: 'rcpt_to', type: 'text', array: true })
  rcptTo!: string[];

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'raw_size', type: 'int' })
  rawSize!: number;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
