import { createTransport, Transporter } from 'nodemailer';
import { envString } from '@shop/common';
import { MailContent } from './order-mail';
import { SmtpBreaker } from './smtp-breaker';

export const DEFAULT_SMTP_URL = 'smtp://127.0.0.1:2525';

/**
 * Real SMTP delivery through nodemailer to SMTP_URL (the local sink in the dev cluster), behind a breaker that
 * stops trying a server that keeps failing for a while (see SmtpBreaker).
 */
export class Mailer {
  private readonly transport: Transporter;
  readonly from = envString('MAIL_FROM', 'Distributed Shop <orders@shop.local>');

  constructor(
    url = envString('SMTP_URL', DEFAULT_SMTP_URL),
    private readonly breaker = new SmtpBreaker(),
  ) {
    // Pooled SMTP connections: the options go in the transport options (the second argument of
    // createTransport is message defaults, where `pool` meant a new connection per mail).
    this.transport = createTransport(pooledUrl(url));
  }

  /** Sends and resolves with the server's response once it accepted the message. */
  async send(mail: MailContent, messageId: string): Promise<string> {
    return this.breaker.run(() => this.deliver(mail, messageId));
  }

  /** Throws SmtpUnavailableError while the breaker is open (nothing would be tried). */
  assertAvailable(): void {
    this.breaker.assertClosed();
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

  close(): void {
    this.transport.close();
  }
}

/** SMTP_URL with `pool=true&maxConnections=3` added (nodemailer reads transport options from the URL query). */
export function pooledUrl(url: string): string {
  const u = new URL(url);
  if (!u.searchParams.has('pool')) u.searchParams.set('pool', 'true');
  if (!u.searchParams.has('maxConnections')) u.searchParams.set('maxConnections', '3');
  return u.toString();
}
