import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { InstanceHealthModule, MessagingModule } from '@shop/messaging';
import { OutboxRelayModule, PersistenceModule } from '@shop/persistence';
import { CheckoutFinishedHandler, CheckoutWaiters } from './checkout/checkout-waiters';
import { CheckoutService } from './checkout/checkout.service';
import { checkoutCommandHandlers } from './checkout/commands';
import { OrdersRepository } from './checkout/orders.repository';
import { SagaLeaseService } from './checkout/saga-lease.service';
import { SagaStateStore } from './checkout/saga-state.store';
import { CheckoutSaga } from './checkout/sagas/checkout.saga';
import { ORDERS_CONFIG, ordersConfigFromEnv } from './config/orders.config';
import { ordersEntities } from './entities';
import { OrderHistoryService } from './history/order-history.service';
import { ordersMigrations } from './migrations';
import { OrdersRpcHandlers } from './orders.rpc-handlers';
import { PriorityQueueRepository } from './queue/priority-queue.repository';
import { QueueMetricsService } from './queue/queue-metrics.service';
import { QueueWorkersService } from './queue/queue-workers.service';

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
    OutboxRelayModule.forSchema('orders'),
    CqrsModule.forRoot(),
  ],
  providers: [
    { provide: ORDERS_CONFIG, useFactory: ordersConfigFromEnv },
    OrdersRepository,
    SagaStateStore,
    CheckoutWaiters,
    CheckoutFinishedHandler,
    CheckoutSaga,
    ...checkoutCommandHandlers,
    CheckoutService,
    SagaLeaseService,
    OrderHistoryService,
    PriorityQueueRepository,
    QueueWorkersService,
    QueueMetricsService,
    OrdersRpcHandlers,
  ],
})
export class OrdersModule {}
