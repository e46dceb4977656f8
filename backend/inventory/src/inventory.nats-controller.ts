import { Injectable } from '@nestjs/common';
import {
  AvailabilityDto,
  AvailabilityRequest,
  CacheStats,
  CategoryDto,
  DeductStockResult,
  ProductPage,
  ProductResult,
  ReservationDto,
  StockLevel,
  DeductStockRequest,
  InventoryRpc,
  ListProductsRequest,
  ReleaseReservationsRequest,
  ReserveStockBatchRequest,
  ReserveStockBatchResult,
  ReserveStockRequest,
  RestoreStockRequest,
  UpdateStockRequest,
} from '@shop/contracts';
import { RequestContext } from '@shop/common';
import { RpcHandler } from '@shop/messaging';
import { CatalogCache } from './catalog/catalog-cache';
import { CatalogService } from './catalog/catalog.service';
import { DeductionService } from './stock/deduction.service';
import { ReservationService } from './stock/reservation.service';
import { StockService } from './stock/stock.service';

/** What `@RpcHandler` accepts as a handler's result (its descriptor type wants exactly this union). */
type Reply<T> = Promise<T> | T;

/** The NATS face of the inventory service: every InventoryRpc method mapped to the service that does the work. */
@Injectable()
export class InventoryNatsController {
  constructor(
    private readonly catalog: CatalogService,
    private readonly stock: StockService,
    private readonly reservations: ReservationService,
    private readonly deductions: DeductionService,
    private readonly cache: CatalogCache,
  ) {}

  @RpcHandler(InventoryRpc.listProducts)
  listProducts(req: ListProductsRequest, _ctx: RequestContext): Reply<ProductPage> {
    return this.catalog.listProducts(req ?? {});
  }

  @RpcHandler(InventoryRpc.getProduct)
  getProduct(req: { id: string }, _ctx: RequestContext): Reply<ProductResult> {
    return this.catalog.getProduct(req?.id);
  }

  @RpcHandler(InventoryRpc.listCategories)
  listCategories(_req: Record<string, never>, _ctx: RequestContext): Reply<CategoryDto[]> {
    return this.catalog.listCategories();
  }

  @RpcHandler(InventoryRpc.listStock)
  listStock(req: { lowOnly?: boolean }, _ctx: RequestContext): Reply<StockLevel[]> {
    return this.stock.listStock(req?.lowOnly === true);
  }

  @RpcHandler(InventoryRpc.updateStock)
  updateStock(req: UpdateStockRequest, ctx: RequestContext): Reply<StockLevel> {
    return this.stock.updateStock(ctx, req);
  }

  @RpcHandler(InventoryRpc.reserve)
  reserve(req: ReserveStockRequest, ctx: RequestContext): Reply<ReservationDto> {
    return this.reservations.reserve(ctx, req);
  }

  @RpcHandler(InventoryRpc.reserveBatch)
  reserveBatch(req: ReserveStockBatchRequest, ctx: RequestContext): Reply<ReserveStockBatchResult> {
    return this.reservations.reserveBatch(ctx, req);
  }

  @RpcHandler(InventoryRpc.releaseReservations)
  releaseReservations(req: ReleaseReservationsRequest, ctx: RequestContext): Reply<{ released: number }> {
    return this.reservations.releaseReservations(ctx, req);
  }

  @RpcHandler(InventoryRpc.availability)
  availability(req: AvailabilityRequest, _ctx: RequestContext): Reply<AvailabilityDto[]> {
    return this.stock.availability(req?.productIds);
  }

  @RpcHandler(InventoryRpc.deductStock)
  deductStock(req: DeductStockRequest, ctx: RequestContext): Reply<DeductStockResult> {
    return this.deductions.deduct(ctx, req);
  }

  @RpcHandler(InventoryRpc.restoreStock)
  restoreStock(req: RestoreStockRequest, ctx: RequestContext): Reply<{ restored: boolean }> {
    return this.deductions.restore(ctx, req);
  }

  @RpcHandler(InventoryRpc.cacheStats)
  cacheStats(_req: Record<string, never>, _ctx: RequestContext): Reply<CacheStats> {
    return this.cache.stats();
  }
}
