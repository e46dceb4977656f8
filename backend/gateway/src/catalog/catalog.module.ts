import { Module } from '@nestjs/common';
import { JsonRelay } from '../http/json-relay';
import { CatalogController } from './catalog.controller';
import { InventoryController } from './inventory.controller';
import { ProductAssetsController } from './product-assets';

/** Catalogue and inventory routes, and the shipped product images at /assets/products/<file>.svg. */
@Module({
  controllers: [CatalogController, InventoryController, ProductAssetsController],
  providers: [JsonRelay],
})
export class CatalogModule {}
