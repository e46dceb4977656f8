import { broadcast, defineService, eventType, rpc } from '../rpc';
import {
  AvailabilityDto,
  AvailabilityRequest,
  CacheStats,
  CategoryDto,
  DeductStockRequest,
  DeductStockResult,
  ListProductsRequest,
  ProductPage,
  ProductResult,
  ReleaseReservationsRequest,
  ReservationDto,
  ReserveStockBatchRequest,
  ReserveStockBatchResult,
  ReserveStockRequest,
  RestoreStockRequest,
  StockLevel,
  UpdateStockRequest,
} from './inventory.types';

export const InventoryRpc = defineService('inventory', {
  listProducts: rpc<ListProductsRequest, ProductPage>('read'),
  getProduct: rpc<{ id: string }, ProductResult>('read'),
  listCategories: rpc<Record<string, never>, CategoryDto[]>('read'),
  listStock: rpc<{ lowOnly?: boolean }, StockLevel[]>('read'),
  updateStock: rpc<UpdateStockRequest, StockLevel>('write'),
  reserve: rpc<ReserveStockRequest, ReservationDto>('write'),
  reserveBatch: rpc<ReserveStockBatchRequest, ReserveStockBatchResult>('write'),
  releaseReservations: rpc<ReleaseReservationsRequest, { released: number }>('write'),
  availability: rpc<AvailabilityRequest, AvailabilityDto[]>('read', 3000),
  deductStock: rpc<DeductStockRequest, DeductStockResult>('write', 8000),
  restoreStock: rpc<RestoreStockRequest, { restored: boolean }>('write'),
  cacheStats: rpc<Record<string, never>, CacheStats>('read'),
});

/** Every inventory instance drops these cache keys (product ids, or '*' for all). */
export const CatalogInvalidated = broadcast<{ productIds: string[] | '*' }>('catalog-invalidated');

export interface StockLowPayload {
  productId: string;
  sku: string;
  available: number;
  threshold: number;
}
export const StockLow = eventType<StockLowPayload>('STOCK_LOW');
