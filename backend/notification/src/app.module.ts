import { Module } from '@nestjs/common';
import { InstanceHealthModule, MessagingModule } from '@shop/messaging';
import { PersistenceModule } from '@shop/persistence';
import { notificationEntities } from './entities';
import { NotificationRpcHandlers } from './mail/notification.rpc-handlers';
import { NotificationService } from './mail/notification.service';
import { notificationMigrations } from './migrations';

/** The notification service: one instance of it per process. */
@Module({
  imports: [
    MessagingModule.forRoot('notification'),
    PersistenceModule.forService({
      schema: 'notification',
      entities: notificationEntities,
      migrations: notificationMigrations,
    }),
    InstanceHealthModule.forRoot({ database: true }),
  ],
  providers: [NotificationService, NotificationRpcHandlers],
})
export class NotificationModule {}
