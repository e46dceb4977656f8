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
import { ConfigService } from '@nestjs/config';
import { AppError, RequestContext, isUuid } from '@shop/common';
import { Statement } from '@shop/persistence';
import { InventoryEnv } from '../config/inventory.env';
import { CatalogInvalidator } from '../catalog/catalog-invalidator';
import { Product } from '../catalog/product.entity';
import { Reservation } from './reservation.entity';
import { readLocked } from './stock-locks';
import { StockService, assertProductId, assertQuantity } from './stock.service';

const MAX_TTL_MS = 7 * 24 * 3600_000;

/** What one item of a batch found and did: the product's stock and holds before it, its new hold's expiry. */
interface HeldRow {
  known: boolean;
  onHand: number;
  others: number;
  mine: number;
  expiresAt: Date | null;
  product?: Product;
}

/** A request item that passed validation, with its time to live resolved. */
type CheckedItem = ReserveStockRequest & { ttlMs: number };

/** Validates one item as `reserve` always has; the error is the one `reserve` would throw. */
function checkItem(
  req: ReserveStockRequest | undefined,
  defaultTtlMs: number,
): CheckedItem | ReserveStockItemError {
  try {
    if (typeof req?.ownerId !== 'string' || req.ownerId.length === 0 || req.ownerId.length > 200)
      throw AppError.badRequest('ownerId must be a non-empty string of at most 200 characters');
    assertProductId(req.productId);
    assertQuantity(req.quantity, 'quantity', 0);
    const ttlMs = req.ttlMs ?? defaultTtlMs;
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

/** The answer for one item. */
function outcomeOf(req: CheckedItem, held: HeldRow): ReserveStockOutcome {
  if (!held.known)
    return {
      ok: false,
      error: errorOf(AppError.notFound(`Unknown product "${req.productId}"`, { productId: req.productId })),
    };
  const product = held.product!;
  const maxQuantity = Math.max(0, held.onHand - held.others);
  if (req.quantity > maxQuantity) {
    const details: OutOfStockDetails = {
      productId: req.productId,
      available: Math.max(0, held.onHand - held.others - held.mine),
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
  const expiresAt = req.quantity === 0 || !held.expiresAt ? new Date() : held.expiresAt;
  const reservation: ReservationDto = {
    ownerId: req.ownerId,
    productId: req.productId,
    quantity: req.quantity,
    expiresAt: new Date(expiresAt).toISOString(),
    available: Math.max(0, held.onHand - held.others - req.quantity),
    name: product.name,
    price: { amountMinor: product.priceMinor, currency: product.currency.trim() },
    imageUrl: product.imagePath,
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
    private readonly config: ConfigService<InventoryEnv, true>,
  ) {}

  /** Sets the owner's hold on a product to `quantity` units in total (0 releases it): a batch of one. */
  async reserve(ctx: RequestContext, req: ReserveStockRequest): Promise<ReservationDto> {
    const [outcome] = (await this.reserveBatch(ctx, { items: [req] })).outcomes;
    if (!outcome.ok) throw new AppError(outcome.error.code, outcome.error.message, outcome.error.details);
    return outcome.reservation;
  }

  /**
   * Applies the items in order in one transaction. Each item gets its own outcome; only a failure of the
   * whole transaction (BUSY on a lock timeout or deadlock, a lost connection) fails the call.
   */
  async reserveBatch(ctx: RequestContext, req: ReserveStockBatchRequest): Promise<ReserveStockBatchResult> {
    const items: unknown = req?.items;
    if (!Array.isArray(items) || items.length === 0 || items.length > MAX_RESERVE_BATCH)
      throw AppError.badRequest(`items must hold 1 to ${MAX_RESERVE_BATCH} reservations`);
    const ttlMs = this.config.get('RESERVATION_TTL_MS', { infer: true });
    const checked = (items as (ReserveStockRequest | undefined)[]).map((item) => checkItem(item, ttlMs));
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
    const query = this.ds
      .createQueryBuilder()
      .delete()
      .from(Reservation)
      .where('owner_id = :ownerId', { ownerId: req.ownerId })
      .returning('product_id');
    if (req.productIds) query.andWhere('product_id IN (:...productIds)', { productIds: req.productIds });
    const released = (req.productIds?.length === 0 ? [] : (await query.execute()).raw) as {
      product_id: string;
    }[];
    this.invalidator.invalidate(
      released.map((r) => r.product_id),
      ctx,
    );
    return { released: released.length };
  }

  /**
   * One row per item, in item order. Item i sets owner i's hold on product i to quantity i in total (0
   * releases it); a hold is written only when it fits in on hand minus the others' active holds, so a refused
   * item writes nothing and the transaction always commits. Items run in order, each seeing the holds the
   * items before it wrote (one owner and product twice acts as two requests in sequence).
   */
  private async setReservations(items: CheckedItem[]): Promise<HeldRow[]> {
    const ids = items.map((i) => i.productId);
    return this.stock.pipelinedLockedTransaction(async (tx) => {
      const { stock, holds, also } = await readLocked(tx, this.ds, ids, {
        // The transaction's clock: the one every expiry check compares against.
        also: [['SELECT now() AS now']],
      });
      const now = also[0].rows[0].now as Date;
      const rows: HeldRow[] = [];
      /** Each hold's state after the batch, by `<owner>|<product>`: the items' writes, applied once at the end. */
      const after = new Map<
        string,
        { ownerId: string; productId: string; quantity: number; expiresAt: Date }
      >();
      for (const item of items) {
        const s = stock.get(item.productId);
        if (!s) {
          rows.push({ known: false, onHand: 0, others: 0, mine: 0, expiresAt: null });
          continue;
        }
        const others = holds.others(item.productId, item.ownerId);
        const mine = holds.mine(item.productId, item.ownerId);
        let expiresAt: Date | null = null;
        if (item.quantity === 0 || item.quantity <= Math.max(0, s.onHand - others)) {
          if (item.quantity > 0) expiresAt = new Date(new Date(now).getTime() + item.ttlMs);
          const { ownerId, productId, quantity } = item;
          after.set(`${ownerId}|${productId}`, { ownerId, productId, quantity, expiresAt: expiresAt ?? now });
          holds.set(productId, ownerId, quantity);
        }
        rows.push({ known: true, onHand: s.onHand, others, mine, expiresAt, product: s.product });
      }
      await tx.commit(...holdWrites(this.ds, [...after.values()]));
      return rows;
    });
  }
}

/** The writes of each owner's hold on a product: deletes the ones set to 0, inserts or replaces the others. */
function holdWrites(
  ds: DataSource,
  holds: { ownerId: string; productId: string; quantity: number; expiresAt: Date }[],
): Statement[] {
  const writes: Statement[] = holds
    .filter((h) => h.quantity === 0)
    .map(({ ownerId, productId }) =>
      ds.createQueryBuilder().delete().from(Reservation).where({ ownerId, productId }),
    );
  const set = holds.filter((h) => h.quantity > 0);
  if (set.length > 0)
    writes.push(
      ds
        .createQueryBuilder()
        .insert()
        .into(Reservation)
        .values(set)
        .orUpdate(['quantity', 'expires_at', 'updated_at'], ['owner_id', 'product_id'])
        .updateEntity(false),
    );
  return writes;
}
