import { Module } from '@nestjs/common';
import { InstanceHealthModule, MessagingModule } from '@shop/messaging';
import { PersistenceModule } from '@shop/persistence';
import { ordersEntities } from './entities';
import { ordersMigrations } from './migrations';

/** The orders service: one instance of it per process. */
@Module({
  imports: [
    MessagingModule.forRoot('orders'),
    PersistenceModule.forService({
      schema: 'orders',
      entities: ordersEntities,
      migrations: ordersMigrations,
    }),
    InstanceHealthModule.forRoot({ database: true }),
  ],
})
export class OrdersModule {}
