import { ServiceLogEntity } from './logs/service-log.entity';
import { SentNotificationEntity } from './mail/sent-notification.entity';
import { SmtpSinkMailEntity } from './sink/smtp-sink-mail.entity';

/** Every TypeORM entity of the notification service (its schema "notification"). */
export const notificationEntities = [SentNotificationEntity, SmtpSinkMailEntity, ServiceLogEntity];
