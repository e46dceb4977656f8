import { createTransport, Transporter } from 'nodemailer';
import { envString } from '@shop/common';
import { MailContent } from './order-mail';

export const DEFAULT_SMTP_URL = 'smtp://127.0.0.1:2525';

/** Real SMTP delivery through nodemailer to SMTP_URL (the local sink in the dev cluster). */
export class Mailer {
  private readonly transport: Transporter;
  readonly from = envString('MAIL_FROM', 'Distributed Shop <orders@shop.local>');

  constructor(url = envString('SMTP_URL', DEFAULT_SMTP_URL)) {
    this.transport = createTransport(url, { pool: true, maxConnections: 3 } as object);
  }

  /** Sends and resolves with the server's response once it accepted the message. */
  async send(mail: MailContent, messageId: string): Promise<string> {
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
