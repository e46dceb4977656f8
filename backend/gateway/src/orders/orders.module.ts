import { Module } from '@nestjs/common';
import { AdminFeedsController } from './admin-feeds.controller';
import { DomainEventFeed } from './domain-event-feed.service';
import { OrdersController } from './orders.controller';
import { PricingController } from './pricing.controller';

/** Orders at the edge: checkout, pricing and quotes, history, order status stream, queue metrics, admin event stream and mail. */
@Module({
  controllers: [OrdersController, PricingController, AdminFeedsController],
  providers: [DomainEventFeed],
})
export class GatewayOrdersModule {}
