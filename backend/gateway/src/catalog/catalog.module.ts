import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express } from 'express';
import { CatalogController } from './catalog.controller';
import { InventoryController } from './inventory.controller';
import { productAssetHandler, productAssetsDir } from './product-assets';

/** Catalogue and inventory routes, and the shipped product images at /assets/products/<file>.svg. */
@Module({
  controllers: [CatalogController, InventoryController],
})
export class CatalogModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    // Outside the /api prefix, like any static asset; registered on Express directly.
    const app = this.adapterHost.httpAdapter?.getInstance<Express>();
    app?.get('/assets/products/:file', productAssetHandler(productAssetsDir()));
  }
}
