import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InstanceHealthModule, MESSAGING_OPTIONS, MessagingModule, MessagingOptions } from '@shop/messaging';
import { OutboxRelayModule, PersistenceModule } from '@shop/persistence';
import { CatalogCache } from './catalog/catalog-cache';
import { CatalogCacheMetrics } from './catalog/catalog-cache.metrics';
import { CatalogInvalidator } from './catalog/catalog-invalidator';
import { CatalogReader } from './catalog/catalog-reader';
import { CatalogService } from './catalog/catalog.service';
import { inventoryEntities } from './entities';
import { InventoryNatsController } from './inventory.nats-controller';
import { CatalogEventHandlers } from './catalog/catalog.event-handlers';
import { InventoryEnv, inventoryEnv } from './config/inventory.env';
import { inventoryMigrations } from './migrations';
import { CatalogSeeder } from './seed/catalog-seeder';
import { DeductionService } from './stock/deduction.service';
import { ReservationService } from './stock/reservation.service';
import { ReservationSweeper } from './stock/reservation-sweeper';
import { StockService } from './stock/stock.service';

/** The inventory service: one instance of it per process. */
@Module({
  imports: [
    MessagingModule.forRoot('inventory', { env: inventoryEnv }),
    PersistenceModule.forService({
      schema: 'inventory',
      entities: inventoryEntities,
      migrations: inventoryMigrations,
    }),
    InstanceHealthModule.forRoot({ database: true }),
    // Publishes STOCK_LOW (written to inventory.outbox with the stock change) to JetStream.
    OutboxRelayModule.forSchema('inventory'),
  ],
  providers: [
    {
      provide: CatalogCache,
      useFactory: (options: MessagingOptions, config: ConfigService<InventoryEnv, true>) =>
        new CatalogCache(options.instanceId, config.get('CATALOG_CACHE_TTL_MS', { infer: true })),
      inject: [MESSAGING_OPTIONS, ConfigService],
    },
    CatalogInvalidator,
    CatalogCacheMetrics,
    CatalogEventHandlers,
    CatalogReader,
    CatalogService,
    StockService,
    ReservationService,
    DeductionService,
    ReservationSweeper,
    CatalogSeeder,
    InventoryNatsController,
  ],
})
export class InventoryModule {}
