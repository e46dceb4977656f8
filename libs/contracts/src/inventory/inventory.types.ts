import type { ErrorCode } from '../errors';

/** Money in integer minor units (cents) with an ISO-4217 currency. */
export interface Money {
  amountMinor: number;
  currency: string;
}

export interface ProductDto {
  id: string;
  sku: string;
  name: string;
  description: string;
  category: string;
  /** Path served by the gateway, e.g. `/assets/products/p-001.svg` (shipped with the project). */
  imageUrl: string;
  price: Money;
  /** On hand minus active reservations; never negative. */
  available: number;
  onHand: number;
  reserved: number;
  lowStockThreshold: number;
  /** Optimistic-lock version of the stock row. */
  version: number;
  updatedAt: string;
}

export type ProductSort = 'relevance' | 'name' | 'price-asc' | 'price-desc' | 'newest';

export interface ListProductsRequest {
  category?: string;
  q?: string;
  sort?: ProductSort;
  page?: number;
  pageSize?: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** Where a read was answered from, so the consistency modes are observable. */
export interface ReadSource {
  instanceId: string;
  source: 'cache' | 'primary' | 'replica';
  consistency: 'strong' | 'eventual';
}

export interface ProductPage extends Page<ProductDto> {
  servedBy: ReadSource;
}

export interface ProductResult {
  product: ProductDto;
  servedBy: ReadSource;
}

export interface CategoryDto {
  name: string;
  productCount: number;
}

export interface UpdateStockRequest {
  productId: string;
  /** New on-hand quantity. */
  onHand: number;
  /** The version the admin saw; a stale one gets VERSION_CONFLICT with the current version. */
  expectedVersion: number;
  lowStockThreshold?: number;
}

export interface StockLevel {
  productId: string;
  sku: string;
  name: string;
  onHand: number;
  reserved: number;
  available: number;
  lowStockThreshold: number;
  version: number;
}

export interface ReserveStockRequest {
  /** Reservation owner, e.g. `cart:<userId>`; one reservation per owner and product. */
  ownerId: string;
  productId: string;
  /** The quantity the owner wants held in total (0 releases). */
  quantity: number;
  /** How long the reservation lives; defaults to the inventory's RESERVATION_TTL_MS (15 min). */
  ttlMs?: number;
}

export interface ReservationDto {
  ownerId: string;
  productId: string;
  quantity: number;
  expiresAt: string;
  /** Units still free after this hold (on hand minus every active reservation). */
  available: number;
  /** The product as it is now, so the holder can show it without another call. */
  name: string;
  price: Money;
  imageUrl: string;
}

/**
 * Several `reserve` requests in one call (e.g. the changes a cart instance gathered): applied in one
 * transaction, in order, each exactly as `reserve` would apply it (items of one owner and product act as if
 * sent one after the other). One item's refusal does not affect the others.
 */
export interface ReserveStockBatchRequest {
  /** 1 to MAX_RESERVE_BATCH items. */
  items: ReserveStockRequest[];
}

/** Why one item of a batch was refused: what `reserve` would have answered as its error. */
export interface ReserveStockItemError {
  /** OUT_OF_STOCK (details: OutOfStockDetails), NOT_FOUND (`{productId}`) or BAD_REQUEST. */
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** The outcome of one item of a batch. */
export type ReserveStockOutcome =
  { ok: true; reservation: ReservationDto } | { ok: false; error: ReserveStockItemError };

export interface ReserveStockBatchResult {
  /** One outcome per request item, in the same order. */
  outcomes: ReserveStockOutcome[];
}

export interface ReleaseReservationsRequest {
  ownerId: string;
  productIds?: string[];
}

export interface AvailabilityRequest {
  productIds: string[];
}

export interface AvailabilityDto {
  productId: string;
  available: number;
  price: Money;
  name: string;
  imageUrl: string;
}

/** Order-time deduction: idempotent per orderId; row locks with a 5 s lock timeout (BUSY on timeout). */
export interface DeductStockRequest {
  orderId: string;
  items: { productId: string; quantity: number }[];
  /**
   * The ordering shopper's reservation owner (their cart's, see `cartReservationOwner`): what this owner holds
   * counts toward the order (other owners' holds do not) and is consumed first.
   */
  reservationOwnerId?: string;
}

export interface DeductStockResult {
  orderId: string;
  lines: {
    productId: string;
    quantity: number;
    unitPrice: Money;
    name: string;
    /** Units of this line taken from `reservationOwnerId`'s hold (0 when it held none; absent in old records). */
    fromHold?: number;
  }[];
}

/**
 * Errors of `deductStock`: OUT_OF_STOCK `{productId, available}` (available = on hand minus other owners'
 * active reservations), NOT_FOUND `{productId}`, BUSY on a 5 s lock timeout (nothing stays held), CONFLICT
 * when the order was already restored (a late deduction after its compensation is refused).
 * A repeated call for a deducted order returns the first result.
 */
export type DeductStockErrors = 'OUT_OF_STOCK' | 'NOT_FOUND' | 'BUSY' | 'CONFLICT';

/**
 * Compensation of a deduction: idempotent, restores stock exactly once. Answers `restored: true` when the
 * order's stock is back (by this call or an earlier one); `false` when no deduction existed — the order id is
 * then tombstoned so a late `deductStock` for it is refused.
 */
export interface RestoreStockRequest {
  orderId: string;
  reason: string;
}

/** Details of an OUT_OF_STOCK error from `reserve`/`reserveBatch`/`deductStock`. */
export interface OutOfStockDetails {
  productId: string;
  /** Units nobody holds right now (on hand minus every active reservation, other owners' and yours). */
  available: number;
  /** The total the caller could hold (available plus what the caller already holds). */
  maxQuantity?: number;
  requested?: number;
}

/** Details of a VERSION_CONFLICT from `updateStock`. */
export interface VersionConflictDetails {
  productId: string;
  currentVersion: number;
  expectedVersion: number;
}

export interface CacheStats {
  instanceId: string;
  entries: number;
  hits: number;
  misses: number;
  ttlMs: number;
  lastInvalidationAt?: string;
  lastInvalidationKeys?: string[];
}

/** A product's stock as the live stock stream reports it: units free to hold, and the current price. */
export interface StockChangeDto {
  productId: string;
  available: number;
  price: Money;
}

/**
 * One message of the live stock stream (`GET /api/stock/stream`, event `stock`): the watched products whose
 * stock changed during the gathering window, each once with its latest figures. The first message after
 * (re)connecting carries every watched product.
 */
export interface StockStreamMessage {
  items: StockChangeDto[];
}

/** The event name of the live stock stream's messages. */
export const STOCK_STREAM_EVENT = 'stock';
