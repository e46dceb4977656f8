import { Module } from '@nestjs/common';
import { CatalogController } from './catalog.controller';
import { InventoryController } from './inventory.controller';
import { ProductAssetsController } from './product-assets';

/** Catalogue and inventory routes, and the shipped product images at /assets/products/<file>.svg. */
@Module({
  controllers: [CatalogController, InventoryController, ProductAssetsController],
})
export class CatalogModule {}
