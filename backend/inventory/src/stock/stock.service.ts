import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  AvailabilityDto,
  ErrorCode,
  StockLevel,
  UpdateStockRequest,
  VersionConflictDetails,
} from '@shop/contracts';
import { AppError, RequestContext, isUuid } from '@shop/common';
import { TransactionControl, queryInTransaction, runInTransaction } from '@shop/persistence';
import { CatalogInvalidator } from '../catalog/catalog-invalidator';
import { PRODUCT_SELECT, ProductRow, toStockLevel } from '../catalog/product-row';
import { fellBelowThreshold, recordStockLow } from '../outbox/low-stock';
import { STOCK_LOCK_TIMEOUT, mapLockErrors } from './pg-errors';

const MAX_QUANTITY = 1_000_000;

export function assertQuantity(value: unknown, name: string, min: number): asserts value is number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > MAX_QUANTITY)
    throw AppError.badRequest(`${name} must be an integer from ${min} to ${MAX_QUANTITY}`);
}

export function assertProductId(id: unknown): asserts id is string {
  if (!isUuid(id)) throw AppError.notFound(`Unknown product "${String(id)}"`, { productId: id });
}

/**
 * Stock levels, and the locked transactions every change of stock or holds runs in (reservations in
 * ReservationService, orders in DeductionService): each first locks the products' stock rows (`FOR UPDATE`,
 * 5 s lock timeout), so availability = on hand − active reservations can never go negative, whichever
 * instance handles the request.
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

  /**
   * Runs one statement in a transaction of its own with the same bounded lock wait (BUSY on a timeout); with
   * values safe as literals, BEGIN, the lock timeout, the statement and COMMIT go in one round trip.
   */
  async lockedStatement<Row>(sql: string, params: readonly unknown[]): Promise<Row[]> {
    try {
      return await queryInTransaction<Row>(
        this.ds,
        sql,
        params,
        `SET LOCAL lock_timeout = '${STOCK_LOCK_TIMEOUT}'`,
      );
    } catch (err) {
      throw mapLockErrors(err);
    }
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
