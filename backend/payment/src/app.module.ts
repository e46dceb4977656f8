import { Module } from '@nestjs/common';
import { InstanceHealthModule, MessagingModule } from '@shop/messaging';
import { PersistenceModule } from '@shop/persistence';
import { paymentEntities } from './entities';
import { paymentMigrations } from './migrations';

/** The payment service: one instance of it per process. */
@Module({
  imports: [
    MessagingModule.forRoot('payment'),
    PersistenceModule.forService({
      schema: 'payment',
      entities: paymentEntities,
      migrations: paymentMigrations,
    }),
    InstanceHealthModule.forRoot({ database: true }),
  ],
})
export class PaymentModule {}
