import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppLogger } from '@shop/common';
import { ClusterConfigStore, InstanceHealthModule, MessagingModule } from '@shop/messaging';
import { OutboxRelayModule, PersistenceModule } from '@shop/persistence';
import { paymentEnv } from './config/payment.env';
import { paymentEntities } from './entities';
import { paymentMigrations } from './migrations';
import { PaymentEntity } from './payments/payment.entity';
import { PAYMENT_GUARD } from './payments/payment.tokens';
import { PaymentsNatsController } from './payments/payments.nats-controller';
import { PaymentsService } from './payments/payments.service';
import { createGuardedProvider } from './provider/provider.factory';

/** The payment service: one instance of it per process. */
@Module({
  imports: [
    MessagingModule.forRoot('payment', { env: paymentEnv }),
    PersistenceModule.forService({
      schema: 'payment',
      entities: paymentEntities,
      migrations: paymentMigrations,
    }),
    TypeOrmModule.forFeature([PaymentEntity]),
    InstanceHealthModule.forRoot({ database: true }),
    OutboxRelayModule.forSchema('payment'),
  ],
  providers: [
    {
      provide: PAYMENT_GUARD,
      useFactory: createGuardedProvider,
      inject: [ConfigService, AppLogger, ClusterConfigStore],
    },
    PaymentsService,
    PaymentsNatsController,
  ],
})
export class PaymentModule {}
