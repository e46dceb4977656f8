import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ErrorCode,
  MAX_RESERVE_BATCH,
  OutOfStockDetails,
  ReleaseReservationsRequest,
  ReservationDto,
  ReserveStockBatchRequest,
  ReserveStockBatchResult,
  ReserveStockItemError,
  ReserveStockOutcome,
  ReserveStockRequest,
} from '@shop/contracts';
import { AppError, RequestContext, envInt, isUuid } from '@shop/common';
import { CatalogInvalidator } from '../catalog/catalog-invalidator';
import { StockService, assertProductId, assertQuantity, normalizeReturning } from './stock.service';

const DEFAULT_RESERVATION_TTL_MS = envInt('RESERVATION_TTL_MS', 15 * 60_000);
const MAX_TTL_MS = 7 * 24 * 3600_000;

/** One row of inventory.set_reservations (migration InventoryReservationBatch): the answer for item `item`. */
interface HeldRow {
  item: number;
  known: boolean;
  on_hand: number;
  others: number;
  mine: number;
  expires_at: Date | null;
  name: string;
  price_minor: number;
  currency: string;
  image_path: string;
}

/** A request item that passed validation, with its time to live resolved. */
type CheckedItem = ReserveStockRequest & { ttlMs: number };

/** Validates one item as `reserve` always has; the error is the one `reserve` would throw. */
function checkItem(req: ReserveStockRequest | undefined): CheckedItem | ReserveStockItemError {
  try {
    if (typeof req?.ownerId !== 'string' || req.ownerId.length === 0 || req.ownerId.length > 200)
      throw AppError.badRequest('ownerId must be a non-empty string of at most 200 characters');
    assertProductId(req.productId);
    assertQuantity(req.quantity, 'quantity', 0);
    const ttlMs = req.ttlMs ?? DEFAULT_RESERVATION_TTL_MS;
    if (!Number.isInteger(ttlMs) || ttlMs < 100 || ttlMs > MAX_TTL_MS)
      throw AppError.badRequest('ttlMs must be an integer from 100 ms to 7 days');
    return { ...req, ttlMs };
  } catch (err) {
    return errorOf(err as AppError);
  }
}

function errorOf(err: AppError): ReserveStockItemError {
  return { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) };
}

function isItemError(value: CheckedItem | ReserveStockItemError): value is ReserveStockItemError {
  return 'code' in value;
}

/** What the function answered for one item, as `reserve` has always answered it. */
function outcomeOf(req: CheckedItem, held: HeldRow): ReserveStockOutcome {
  if (!held.known)
    return {
      ok: false,
      error: errorOf(AppError.notFound(`Unknown product "${req.productId}"`, { productId: req.productId })),
    };
  const maxQuantity = Math.max(0, held.on_hand - held.others);
  if (req.quantity > maxQuantity) {
    const details: OutOfStockDetails = {
      productId: req.productId,
      available: Math.max(0, held.on_hand - held.others - held.mine),
      maxQuantity,
      requested: req.quantity,
    };
    return {
      ok: false,
      error: {
        code: ErrorCode.OutOfStock,
        message: `Only ${details.available} more unit(s) of this product are available`,
        details: { ...details },
      },
    };
  }
  const expiresAt = req.quantity === 0 || !held.expires_at ? new Date() : held.expires_at;
  const reservation: ReservationDto = {
    ownerId: req.ownerId,
    productId: req.productId,
    quantity: req.quantity,
    expiresAt: new Date(expiresAt).toISOString(),
    available: Math.max(0, held.on_hand - held.others - req.quantity),
    name: held.name,
    price: { amountMinor: held.price_minor, currency: held.currency.trim() },
    imageUrl: held.image_path,
  };
  return { ok: true, reservation };
}

/**
 * Stock reservations (cart holds). A reservation is absolute: it sets the owner's hold on a product to a
 * total, so a retry cannot double-hold. Every batch, a single `reserve` included, is one transaction that
 * locks its products' stock rows (in product-id order, 5 s lock timeout) before it reads or writes holds, so
 * available = on hand − active reservations never goes negative, whichever instance handles the request.
 */
@Injectable()
export class ReservationService {
  constructor(
    private readonly ds: DataSource,
    private readonly stock: StockService,
    private readonly invalidator: CatalogInvalidator,
  ) {}

  /** Sets the owner's hold on a product to `quantity` units in total (0 releases it): a batch of one. */
  async reserve(ctx: RequestContext, req: ReserveStockRequest): Promise<ReservationDto> {
    const [outcome] = (await this.reserveBatch(ctx, { items: [req] })).outcomes;
    if (!outcome.ok) throw new AppError(outcome.error.code, outcome.error.message, outcome.error.details);
    return outcome.reservation;
  }

  /**
   * Applies the items in order in one transaction, one PostgreSQL round trip when every value can be written
   * as a literal. Each item gets its own outcome; only a failure of the whole transaction (BUSY on a lock
   * timeout or deadlock, a lost connection) fails the call.
   */
  async reserveBatch(ctx: RequestContext, req: ReserveStockBatchRequest): Promise<ReserveStockBatchResult> {
    const items: unknown = req?.items;
    if (!Array.isArray(items) || items.length === 0 || items.length > MAX_RESERVE_BATCH)
      throw AppError.badRequest(`items must hold 1 to ${MAX_RESERVE_BATCH} reservations`);
    const checked = (items as (ReserveStockRequest | undefined)[]).map(checkItem);
    const valid = checked.filter((c): c is CheckedItem => !isItemError(c));
    const held = valid.length > 0 ? await this.setReservations(valid) : [];
    let next = 0;
    const outcomes = checked.map((c): ReserveStockOutcome => {
      if (isItemError(c)) return { ok: false, error: c };
      return outcomeOf(c, held[next++]);
    });
    this.invalidator.invalidate(
      outcomes.flatMap((o) => (o.ok ? [o.reservation.productId] : [])),
      ctx,
    );
    return { outcomes };
  }

  async releaseReservations(
    ctx: RequestContext,
    req: ReleaseReservationsRequest,
  ): Promise<{ released: number }> {
    if (typeof req.ownerId !== 'string' || req.ownerId.length === 0)
      throw AppError.badRequest('ownerId must be a non-empty string');
    if (req.productIds !== undefined && (!Array.isArray(req.productIds) || !req.productIds.every(isUuid)))
      throw AppError.badRequest('productIds must be an array of product ids');
    const rows = (await this.ds.query(
      req.productIds
        ? `DELETE FROM inventory.reservations WHERE owner_id = $1 AND product_id = ANY($2::uuid[]) RETURNING product_id`
        : `DELETE FROM inventory.reservations WHERE owner_id = $1 RETURNING product_id`,
      req.productIds ? [req.ownerId, req.productIds] : [req.ownerId],
    )) as [{ product_id: string }[], number] | { product_id: string }[];
    const released = normalizeReturning(rows);
    this.invalidator.invalidate(
      released.map((r) => r.product_id),
      ctx,
    );
    return { released: released.length };
  }

  /** One row per item, in item order (a refused hold wrote nothing, so the transaction always commits). */
  private async setReservations(items: CheckedItem[]): Promise<HeldRow[]> {
    const rows = await this.stock.lockedStatement<HeldRow>(
      `SELECT * FROM inventory.set_reservations($1::uuid[], $2::text[], $3::int[], $4::double precision[])`,
      [
        items.map((i) => i.productId),
        items.map((i) => i.ownerId),
        items.map((i) => i.quantity),
        items.map((i) => i.ttlMs),
      ],
    );
    const byItem = new Map(rows.map((r) => [r.item, r]));
    return items.map((_, i) => byItem.get(i + 1)!);
  }
}
