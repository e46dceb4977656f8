import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  AvailabilityDto,
  ErrorCode,
  OutOfStockDetails,
  ReleaseReservationsRequest,
  ReservationDto,
  ReserveStockRequest,
  StockLevel,
  UpdateStockRequest,
  VersionConflictDetails,
} from '@shop/contracts';
import { AppError, RequestContext, envInt, isUuid } from '@shop/common';
import { TransactionControl, runInTransaction, sqlLiteral } from '@shop/persistence';
import { CatalogInvalidator } from '../catalog/catalog-invalidator';
import { PRODUCT_SELECT, ProductRow, toStockLevel } from '../catalog/product-row';
import { fellBelowThreshold, recordStockLow } from '../outbox/low-stock';
import { STOCK_LOCK_TIMEOUT, mapLockErrors } from './pg-errors';

const MAX_QUANTITY = 1_000_000;
const DEFAULT_RESERVATION_TTL_MS = envInt('RESERVATION_TTL_MS', 15 * 60_000);

function assertQuantity(value: unknown, name: string, min: number): asserts value is number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > MAX_QUANTITY)
    throw AppError.badRequest(`${name} must be an integer from ${min} to ${MAX_QUANTITY}`);
}

function assertProductId(id: unknown): asserts id is string {
  if (!isUuid(id)) throw AppError.notFound(`Unknown product "${String(id)}"`, { productId: id });
}

/**
 * Stock levels and reservations. Every change of a product's stock or holds runs in a transaction that
 * first locks the product's stock row (`FOR UPDATE`, 5 s lock timeout), so availability = on hand −
 * active reservations can never go negative, whichever instance handles the request.
 */
@Injectable()
export class StockService {
  constructor(
    private readonly ds: DataSource,
    private readonly invalidator: CatalogInvalidator,
  ) {}

  /**
   * Runs `work` in a transaction with a bounded lock wait; lock timeouts become BUSY. `first` is trusted SQL
   * (no values from requests) sent with BEGIN and the lock timeout in one round trip.
   */
  async lockedTransaction<T>(
    work: (em: EntityManager, firstRows: Record<string, unknown>[], tx: TransactionControl) => Promise<T>,
    first?: string,
  ): Promise<T> {
    try {
      return await runInTransaction(
        this.ds,
        work,
        `SET LOCAL lock_timeout = '${STOCK_LOCK_TIMEOUT}'${first ? `; ${first}` : ''}`,
      );
    } catch (err) {
      throw mapLockErrors(err);
    }
  }

  /** Sets the owner's hold on a product to `quantity` units in total (0 releases it). */
  async reserve(ctx: RequestContext, req: ReserveStockRequest): Promise<ReservationDto> {
    if (typeof req.ownerId !== 'string' || req.ownerId.length === 0 || req.ownerId.length > 200)
      throw AppError.badRequest('ownerId must be a non-empty string of at most 200 characters');
    assertProductId(req.productId);
    assertQuantity(req.quantity, 'quantity', 0);
    const ttlMs = req.ttlMs ?? DEFAULT_RESERVATION_TTL_MS;
    if (!Number.isInteger(ttlMs) || ttlMs < 100 || ttlMs > 7 * 24 * 3600_000)
      throw AppError.badRequest('ttlMs must be an integer from 100 ms to 7 days');

    // The stock row lock goes with BEGIN (the product id is a checked UUID, safe as a literal). Both statements
    // are functions of the inventory schema (migration InventoryReservationFunctions): plans kept per connection.
    const lockStock = `SELECT * FROM inventory.lock_stock_for_reservation(${sqlLiteral(req.productId)}::uuid)`;
    const result = await this.lockedTransaction(async (em, locked, tx) => {
      const stock = locked as {
        on_hand: number;
        name: string;
        price_minor: number;
        currency: string;
        image_path: string;
      }[];
      if (stock.length === 0)
        throw AppError.notFound(`Unknown product "${req.productId}"`, { productId: req.productId });
      const onHand = stock[0].on_hand;
      // One statement, after the stock row lock (so it sees every hold committed before): the holds of
      // others and the owner, and the new hold (or its release) when it fits.
      const sql = `SELECT * FROM inventory.set_reservation($1::uuid, $2, $3::int, $4::double precision, $5::int)`;
      const params = [req.productId, req.ownerId, req.quantity, ttlMs, onHand];
      // With values safe as literals it goes with COMMIT (a refused hold wrote nothing: committing is the same
      // as rolling back).
      const [held] = await tx.commitWith<{ others: number; mine: number; expires_at: Date | null }>(
        sql,
        params,
      );
      const maxQuantity = Math.max(0, onHand - held.others);
      if (req.quantity > maxQuantity) {
        const details: OutOfStockDetails = {
          productId: req.productId,
          available: Math.max(0, onHand - held.others - held.mine),
          maxQuantity,
          requested: req.quantity,
        };
        throw new AppError(
          ErrorCode.OutOfStock,
          `Only ${details.available} more unit(s) of this product are available`,
          { ...details },
        );
      }
      const expiresAt = req.quantity === 0 || !held.expires_at ? new Date() : held.expires_at;
      return {
        ownerId: req.ownerId,
        productId: req.productId,
        quantity: req.quantity,
        expiresAt: new Date(expiresAt).toISOString(),
        available: Math.max(0, onHand - held.others - req.quantity),
        name: stock[0].name,
        price: { amountMinor: stock[0].price_minor, currency: stock[0].currency.trim() },
        imageUrl: stock[0].image_path,
      } satisfies ReservationDto;
    }, lockStock);
    this.invalidator.invalidate([req.productId], ctx);
    return result;
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

  /** Live availability from the primary (the cart view's freshness matters more than a cache hit here). */
  async availability(productIds: string[]): Promise<AvailabilityDto[]> {
    if (!Array.isArray(productIds) || productIds.length > 200)
      throw AppError.badRequest('productIds must be an array of at most 200 ids');
    const ids = productIds.filter(isUuid);
    if (ids.length === 0) return [];
    const rows = (await this.ds.query(`${PRODUCT_SELECT} WHERE p.id = ANY($1::uuid[])`, [
      ids,
    ])) as ProductRow[];
    return rows.map((r) => ({
      productId: r.id,
      available: Math.max(0, r.on_hand - r.reserved),
      price: { amountMinor: r.price_minor, currency: r.currency.trim() },
      name: r.name,
      imageUrl: r.image_path,
    }));
  }

  async listStock(lowOnly = false): Promise<StockLevel[]> {
    const rows = (await this.ds.query(
      `${PRODUCT_SELECT} ${lowOnly ? 'WHERE s.on_hand < s.low_stock_threshold' : ''} ORDER BY p.sku`,
    )) as ProductRow[];
    return rows.map(toStockLevel);
  }

  /** Admin stock change: row lock plus optimistic version (a stale version gets VERSION_CONFLICT). */
  async updateStock(ctx: RequestContext, req: UpdateStockRequest): Promise<StockLevel> {
    assertProductId(req.productId);
    assertQuantity(req.onHand, 'onHand', 0);
    assertQuantity(req.expectedVersion, 'expectedVersion', 1);
    if (req.lowStockThreshold !== undefined) assertQuantity(req.lowStockThreshold, 'lowStockThreshold', 0);

    const level = await this.lockedTransaction(async (em) => {
      const rows = (await em.query(
        `SELECT s.on_hand, s.version, s.low_stock_threshold, p.sku FROM inventory.stock s
           JOIN inventory.products p ON p.id = s.product_id
          WHERE s.product_id = $1 FOR UPDATE OF s`,
        [req.productId],
      )) as { on_hand: number; version: number; low_stock_threshold: number; sku: string }[];
      if (rows.length === 0)
        throw AppError.notFound(`Unknown product "${req.productId}"`, { productId: req.productId });
      const current = rows[0];
      if (current.version !== req.expectedVersion) {
        const details: VersionConflictDetails = {
          productId: req.productId,
          currentVersion: current.version,
          expectedVersion: req.expectedVersion,
        };
        throw new AppError(
          ErrorCode.VersionConflict,
          `Stock was changed meanwhile: current version is ${current.version}, you sent ${req.expectedVersion}`,
          { ...details },
        );
      }
      const threshold = req.lowStockThreshold ?? current.low_stock_threshold;
      await em.query(
        `UPDATE inventory.stock SET on_hand = $2, low_stock_threshold = $3, version = version + 1, updated_at = now()
          WHERE product_id = $1`,
        [req.productId, req.onHand, threshold],
      );
      const [after] = (await em.query(`${PRODUCT_SELECT} WHERE p.id = $1`, [req.productId])) as ProductRow[];
      if (
        fellBelowThreshold(
          { onHand: current.on_hand, threshold: current.low_stock_threshold },
          { onHand: req.onHand, threshold },
        )
      ) {
        await recordStockLow(
          em,
          { productId: req.productId, sku: current.sku },
          { onHand: req.onHand, threshold, reserved: after.reserved },
        );
      }
      return toStockLevel(after);
    });
    this.invalidator.invalidate([req.productId], ctx);
    return level;
  }
}

/** `DataSource.query` answers a DELETE … RETURNING as `[rows, count]` with the pg driver. */
export function normalizeReturning<T>(result: [T[], number] | T[]): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  )
    return result[0] as T[];
  return result as T[];
}
