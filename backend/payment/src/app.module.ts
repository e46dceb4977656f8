import { Module } from '@nestjs/common';
import { AppLogger } from '@shop/common';
import { InstanceHealthModule, MessagingModule } from '@shop/messaging';
import { OutboxRelayModule, PersistenceModule } from '@shop/persistence';
import { paymentEntities } from './entities';
import { paymentMigrations } from './migrations';
import { PAYMENT_GUARD } from './payments/payment.tokens';
import { PaymentsRpcHandlers } from './payments/payments.rpc-handlers';
import { PaymentsService } from './payments/payments.service';
import { createGuardedProvider } from './provider/provider.factory';

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
    OutboxRelayModule.forSchema('payment'),
  ],
  providers: [
    { provide: PAYMENT_GUARD, useFactory: createGuardedProvider, inject: [AppLogger] },
    PaymentsService,
    PaymentsRpcHandlers,
  ],
})
export class PaymentModule {}
