import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CircuitBreakerPolicy } from 'cockatiel';
import { createTransport, Transporter } from 'nodemailer';
import { AppLogger } from '@shop/common';
import { NotificationEnv } from '../config/notification.env';
import { MailContent } from './order-mail';
import { SMTP_BREAKER_SETTINGS, smtpBreaker } from './smtp-breaker';

/**
 * Real SMTP delivery through nodemailer to SMTP_URL (the local sink in the dev cluster), behind a breaker that
 * stops trying a server that keeps failing for a while (see smtpBreaker).
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter;
  private readonly from: string;
  private readonly breaker: CircuitBreakerPolicy;

  constructor(config: ConfigService<NotificationEnv, true>, logger: AppLogger) {
    this.from = config.get('MAIL_FROM', { infer: true });
    this.transport = createTransport(pooledUrl(config.get('SMTP_URL', { infer: true })));
    this.breaker = smtpBreaker(SMTP_BREAKER_SETTINGS, (state) =>
      logger.write(
        state === 'open' ? 'warn' : 'info',
        state === 'open'
          ? `SMTP breaker open after ${SMTP_BREAKER_SETTINGS.threshold} failed sends in a row: sends pause`
          : 'SMTP breaker closed: the SMTP server answers again',
        { context: 'Notification' },
      ),
    );
  }

  /**
   * Sends and resolves with the server's response once it accepted the message; while the breaker is open it
   * rejects at once with a BrokenCircuitError (nothing was tried).
   */
  send(mail: MailContent, messageId: string): Promise<string> {
    return this.breaker.execute(() => this.deliver(mail, messageId));
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }

  private async deliver(mail: MailContent, messageId: string): Promise<string> {
    const info = await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      headers: { 'X-Event-Id': messageId },
    });
    return String(info.response ?? 'accepted');
  }
}

/** SMTP_URL with `pool=true&maxConnections=3` added (nodemailer reads transport options from the URL query). */
export function pooledUrl(url: string): string {
  const u = new URL(url);
  if (!u.searchParams.has('pool')) u.searchParams.set('pool', 'true');
  if (!u.searchParams.has('maxConnections')) u.searchParams.set('maxConnections', '3');
  return u.toString();
}
