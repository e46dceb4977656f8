import { Module } from '@nestjs/common';
import { JsonRelay } from '../http/json-relay';
import { CatalogController } from './catalog.controller';
import { InventoryController } from './inventory.controller';
import { ProductAssetsController } from './product-assets';
import { StockFeed } from './stock-feed';
import { StockStreamController } from './stock-stream.controller';

/**
 * Catalogue and inventory routes, the live stock stream, and the shipped product images at
 * /assets/products/<file>.svg.
 */
@Module({
  controllers: [CatalogController, InventoryController, ProductAssetsController, StockStreamController],
  providers: [JsonRelay, StockFeed],
})
export class CatalogModule {}
