import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller';
import { ChaosController } from './chaos/chaos.controller';
import { ChaosService } from './chaos/chaos.service';
import { PaymentProviderOverviewService } from './payment-provider-overview';
import { SupervisorClient } from './supervisor-client';
import { TestOrdersService } from './test-orders.service';

/**
 * Operator routes: order detail, test orders for generated shoppers, scaling, chaos mode, payment provider
 * outage view.
 */
@Module({
  controllers: [AdminController, ChaosController],
  providers: [TestOrdersService, SupervisorClient, PaymentProviderOverviewService, ChaosService],
})
export class AdminModule {}
