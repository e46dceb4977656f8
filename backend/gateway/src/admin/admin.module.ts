import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller';
import { PaymentProviderOverviewService } from './payment-provider-overview';
import { SupervisorClient } from './supervisor-client';
import { TestOrdersService } from './test-orders.service';

/** Operator routes: order detail, test orders for generated shoppers, scaling, payment provider outage view. */
@Module({
  controllers: [AdminController],
  providers: [TestOrdersService, SupervisorClient, PaymentProviderOverviewService],
})
export class AdminModule {}
