import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { InstanceHealthModule, MessagingModule } from '@shop/messaging';
import { OutboxRelayModule, PersistenceModule } from '@shop/persistence';
import { CheckoutFinishedHandler, CheckoutWaiters } from './checkout/checkout-waiters';
import { CheckoutService } from './checkout/checkout.service';
import { checkoutCommandHandlers } from './checkout/commands';
import { RunningSagas } from './checkout/running-sagas';
import { SagaLeaseService } from './checkout/saga-lease.service';
import { CheckoutSaga } from './checkout/sagas/checkout.saga';
import { ordersEnv } from './config/orders.env';
import { ordersEntities } from './entities';
import { OrderHistoryService } from './history/order-history.service';
import { ordersMigrations } from './migrations';
import { OrderRepository } from './order/order.repository';
import { OrdersNatsController } from './orders.nats-controller';
import { OrderPricingService } from './pricing/order-pricing.service';
import { PriorityQueueRepository } from './queue/priority-queue.repository';
import { QueueMetricsService } from './queue/queue-metrics.service';
import { QueueWorkersService } from './queue/queue-workers.service';
import { QueueMetrics } from './queue/queue.metrics';
import { SagaOutcomeMetrics } from './checkout/saga.metrics';

/** The orders service: one instance of it per process. */
@Module({
  imports: [
    MessagingModule.forRoot('orders', { env: ordersEnv }),
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
    OrderRepository,
    OrderPricingService,
    RunningSagas,
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
    QueueMetrics,
    SagaOutcomeMetrics,
    OrdersNatsController,
  ],
})
export class OrdersModule {}
