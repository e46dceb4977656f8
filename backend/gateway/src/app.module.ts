import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AppLogger } from '@shop/common';
import { InstanceHealthModule, MessagingModule } from '@shop/messaging';
import { AccountModule } from './account/account.module';
import { AdminModule } from './admin/admin.module';
import { GatewayAuthModule } from './auth/auth.module';
import { QueryTokenGuard } from './auth/query-token.guard';
import { gatewayEnv } from './config/gateway.env';
import { CartHttpModule } from './cart/cart.module';
import { CatalogModule } from './catalog/catalog.module';
import { AllExceptionsFilter } from './http/all-exceptions.filter';
import { LiveModule } from './live/live.module';
import { LogsModule } from './logs/logs.module';
import { MetricsTargetsModule } from './metrics/metrics-targets.module';
import { GatewayOrdersModule } from './orders/orders.module';
import { ServicesModule } from './services/services.module';

/** The REST edge: validates, authenticates and routes HTTP requests to service instances over NATS. */
@Module({
  imports: [
    MessagingModule.forRoot('gateway', { env: gatewayEnv }),
    InstanceHealthModule.forRoot({ database: false }),
    GatewayAuthModule,
    AccountModule,
    ServicesModule,
    LogsModule,
    MetricsTargetsModule,
    CatalogModule,
    CartHttpModule,
    GatewayOrdersModule,
    LiveModule,
    AdminModule,
  ],
  providers: [
    {
      provide: APP_FILTER,
      useFactory: (logger: AppLogger) => new AllExceptionsFilter(logger),
      inject: [AppLogger],
    },
    { provide: APP_GUARD, useClass: QueryTokenGuard },
  ],
})
export class GatewayModule implements NestModule {
  configure(_consumer: MiddlewareConsumer): void {
    // HTTP middleware is installed in main.ts, before Nest routes, so it also covers body-parser errors.
  }
}
