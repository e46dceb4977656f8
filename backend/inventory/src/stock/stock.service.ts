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
import { PipelinedTransaction } from '@shop/persistence';
import { CatalogInvalidator } from '../catalog/catalog-invalidator';
import { ProductView, productViews, toStockLevel } from '../catalog/product-view';
import { fellBelowThreshold, recordStockLow } from '../outbox/low-stock';
import { STOCK_LOCK_TIMEOUT, mapLockErrors } from './pg-errors';
import { lockStock } from './stock-locks';
import { Stock } from './stock.entity';

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
   * Runs `work` in a transaction whose row-lock waits are bounded (STOCK_LOCK_TIMEOUT); a lock timeout or a
   * deadlock becomes BUSY, with nothing held.
   */
  async lockedTransaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.ds.transaction(async (em) => {
        // SQL because the lock timeout is the mechanism that bounds how long this transaction waits for rows.
        await em.query(`SET LOCAL lock_timeout = '${STOCK_LOCK_TIMEOUT}'`);
        return work(em);
      });
    } catch (err) {
      throw mapLockErrors(err);
    }
  }

  /** `lockedTransaction` for a pipelined transaction (see PipelinedTransaction and `readLocked`). */
  async pipelinedLockedTransaction<T>(work: (tx: PipelinedTransaction) => Promise<T>): Promise<T> {
    try {
      return await PipelinedTransaction.run(this.ds, work);
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
    const rows = await productViews(this.ds.manager)
      .where('p.id IN (:...ids)', { ids })
      .getRawMany<ProductView>();
    return rows.map((r) => ({
      productId: r.id,
      available: Math.max(0, r.onHand - r.reserved),
      price: { amountMinor: r.priceMinor, currency: r.currency.trim() },
      name: r.name,
      imageUrl: r.imagePath,
    }));
  }

  async listStock(lowOnly = false): Promise<StockLevel[]> {
    const query = productViews(this.ds.manager).orderBy('p.sku');
    if (lowOnly) query.where('s.onHand < s.lowStockThreshold');
    return (await query.getRawMany<ProductView>()).map(toStockLevel);
  }

  /** The stock levels of `productIds`, read through `em`. */
  private async levels(em: EntityManager, productIds: string[]): Promise<StockLevel[]> {
    const rows = await productViews(em)
      .where('p.id IN (:...ids)', { ids: productIds })
      .getRawMany<ProductView>();
    return rows.map(toStockLevel);
  }

  /** Admin stock change: row lock plus optimistic version (a stale version gets VERSION_CONFLICT). */
  async updateStock(ctx: RequestContext, req: UpdateStockRequest): Promise<StockLevel> {
    assertProductId(req.productId);
    assertQuantity(req.onHand, 'onHand', 0);
    assertQuantity(req.expectedVersion, 'expectedVersion', 1);
    if (req.lowStockThreshold !== undefined) assertQuantity(req.lowStockThreshold, 'lowStockThreshold', 0);

    const level = await this.lockedTransaction(async (em) => {
      const current = (await lockStock(em, [req.productId])).get(req.productId);
      if (!current)
        throw AppError.notFound(`Unknown product "${req.productId}"`, { productId: req.productId });
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
      const before = { onHand: current.onHand, threshold: current.lowStockThreshold };
      const threshold = req.lowStockThreshold ?? current.lowStockThreshold;
      await em
        .getRepository(Stock)
        .update(
          { productId: req.productId },
          { onHand: req.onHand, lowStockThreshold: threshold, version: () => 'version + 1' },
        );
      const after = await this.levels(em, [req.productId]);
      if (fellBelowThreshold(before, { onHand: req.onHand, threshold }))
        await recordStockLow(
          em,
          { productId: req.productId, sku: current.product.sku },
          { onHand: req.onHand, threshold, reserved: after[0].reserved },
        );
      return after[0];
    });
    this.invalidator.invalidate([req.productId], ctx);
    return level;
  }
}
