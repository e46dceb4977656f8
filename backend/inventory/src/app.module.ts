import { Module } from '@nestjs/common';
import { InstanceHealthModule, MessagingModule } from '@shop/messaging';
import { PersistenceModule } from '@shop/persistence';
import { inventoryEntities } from './entities';
import { inventoryMigrations } from './migrations';

/** The inventory service: one instance of it per process. */
@Module({
  imports: [
    MessagingModule.forRoot('inventory'),
    PersistenceModule.forService({
      schema: 'inventory',
      entities: inventoryEntities,
      migrations: inventoryMigrations,
    }),
    InstanceHealthModule.forRoot({ database: true }),
  ],
})
export class InventoryModule {}
