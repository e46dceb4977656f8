/** One e-mail the notification service sent (its idempotency record). */
export interface SentNotificationDto {
  messageId: string;
  eventType: string;
  to: string;
  subject: string;
  smtpResponse: string;
  sentAt: string;
}

/** One e-mail the local SMTP sink received. */
export interface ReceivedMailDto {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
}

export interface ListMailRequest {
  /** Only mail to this address. */
  to?: string;
  limit?: number;
}
