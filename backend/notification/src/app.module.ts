import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InstanceHealthModule, MessagingModule } from '@shop/messaging';
import { PersistenceModule } from '@shop/persistence';
import { notificationEnv } from './config/notification.env';
import { notificationEntities } from './entities';
import { MailEventHandlers } from './mail/mail.event-handlers';
import { MailNatsController } from './mail/mail.nats-controller';
import { Mailer } from './mail/mailer';
import { NotificationService } from './mail/notification.service';
import { notificationMigrations } from './migrations';
import { LogIngestor } from './logs/log-ingestor';
import { LogRetention } from './logs/log-retention';
import { LogSearch } from './logs/log-search';
import { LogsNatsController } from './logs/logs.nats-controller';

/** The notification service (order e-mail and the log store): one instance of it per process. */
@Module({
  imports: [
    MessagingModule.forRoot('notification', { env: notificationEnv }),
    PersistenceModule.forService({
      schema: 'notification',
      entities: notificationEntities,
      migrations: notificationMigrations,
    }),
    TypeOrmModule.forFeature(notificationEntities),
    InstanceHealthModule.forRoot({ database: true }),
  ],
  providers: [
    Mailer,
    NotificationService,
    MailNatsController,
    MailEventHandlers,
    LogIngestor,
    LogSearch,
    LogRetention,
    LogsNatsController,
  ],
})
export class NotificationModule {}
