import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  DeductStockRequest,
  DeductStockResult,
  ErrorCode,
  OutOfStockDetails,
  RestoreStockRequest,
} from '@shop/contracts';
import { AppError, RequestContext } from '@shop/common';
import { CatalogInvalidator } from '../catalog/catalog-invalidator';
import { isUuid } from '../catalog/product-row';
import { fellBelowThreshold, recordStockLow } from '../outbox/low-stock';
import { PG_UNIQUE_VIOLATION, pgCode } from './pg-errors';
import { StockService } from './stock.service';

interface LockedStock {
  product_id: string;
  on_hand: number;
  low_stock_threshold: number;
  sku: string;
  name: string;
  price_minor: number;
  currency: string;
}

interface DeductionRow {
  order_id: string;
  lines: DeductStockResult['lines'];
  restored: boolean;
}

const MAX_LINES = 100;

/**
 * Serializes deductions and restores of one order (transaction-scoped advisory lock, bounded by the lock
 * timeout), so a concurrent retry sees the first call's committed deduction instead of racing it.
 */
async function lockOrder(em: EntityManager, orderId: string): Promise<void> {
  await em.query(`SELECT pg_advisory_xact_lock(hashtext('inventory:order:' || $1))`, [orderId]);
}

/** Merges repeated products and validates every line (unknown ids are NOT_FOUND, quantities BAD_REQUEST). */
function mergeItems(items: DeductStockRequest['items']): Map<string, number> {
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_LINES)
    throw AppError.badRequest(`items must hold 1 to ${MAX_LINES} lines`);
  const merged = new Map<string, number>();
  for (const item of items) {
    if (!isUuid(item?.productId))
      throw AppError.notFound(`Unknown product "${String(item?.productId)}"`, { productId: item?.productId });
    if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > 10_000)
      throw AppError.badRequest(`quantity of ${item.productId} must be an integer from 1 to 10000`);
    const id = item.productId.toLowerCase();
    merged.set(id, (merged.get(id) ?? 0) + item.quantity);
  }
  return merged;
}

/**
 * Order-time stock: `deduct` takes the stock for an order exactly once (unique order id), consuming the
 * shopper's reservation first; `restore` is its compensation, also exactly once. Stock rows are locked in
 * product-id order (no deadlocks between orders) with a 5 s lock timeout (BUSY, nothing held).
 */
@Injectable()
export class DeductionService {
  constructor(
    private readonly stock: StockService,
    private readonly invalidator: CatalogInvalidator,
  ) {}

  async deduct(ctx: RequestContext, req: DeductStockRequest): Promise<DeductStockResult> {
    if (typeof req.orderId !== 'string' || req.orderId.length === 0 || req.orderId.length > 200)
      throw AppError.badRequest('orderId must be a non-empty string of at most 200 characters');
    const items = mergeItems(req.items);
    try {
      const result = await this.stock.lockedTransaction((em) => this.deductLocked(em, req, items));
      this.invalidator.invalidate([...items.keys()], ctx);
      return result;
    } catch (err) {
      // A concurrent call for the same order committed first: answer with its result.
      if (pgCode(err) === PG_UNIQUE_VIOLATION) {
        const existing = await this.stock.lockedTransaction((em) => this.existing(em, req.orderId));
        if (existing) return existing;
      }
      throw err;
    }
  }

  private async existing(em: EntityManager, orderId: string): Promise<DeductStockResult | undefined> {
    const rows = (await em.query(
      `SELECT order_id, lines, restored FROM inventory.deductions WHERE order_id = $1`,
      [orderId],
    )) as DeductionRow[];
    if (rows.length === 0) return undefined;
    if (rows[0].restored)
      throw AppError.conflict(
        `Order ${orderId} was cancelled and its stock restored; it cannot be deducted again`,
        {
          orderId,
        },
      );
    return { orderId, lines: rows[0].lines };
  }

  private async deductLocked(
    em: EntityManager,
    req: DeductStockRequest,
    items: Map<string, number>,
  ): Promise<DeductStockResult> {
    await lockOrder(em, req.orderId);
    const previous = await this.existing(em, req.orderId);
    if (previous) return previous;
    const ids = [...items.keys()].sort();
    const locked = (await em.query(
      `SELECT s.product_id, s.on_hand, s.low_stock_threshold, p.sku, p.name, p.price_minor, p.currency
         FROM inventory.stock s JOIN inventory.products p ON p.id = s.product_id
        WHERE s.product_id = ANY($1::uuid[]) ORDER BY s.product_id FOR UPDATE OF s`,
      [ids],
    )) as LockedStock[];
    const byId = new Map(locked.map((s) => [s.product_id, s]));
    for (const id of ids)
      if (!byId.has(id)) throw AppError.notFound(`Unknown product "${id}"`, { productId: id });

    const holds = (await em.query(
      `SELECT product_id,
              COALESCE(SUM(quantity) FILTER (WHERE owner_id <> $2), 0)::int AS others,
              COALESCE(SUM(quantity) FILTER (WHERE owner_id = $2), 0)::int AS mine
         FROM inventory.reservations
        WHERE product_id = ANY($1::uuid[]) AND expires_at > now() GROUP BY product_id`,
      [ids, req.reservationOwnerId ?? ''],
    )) as { product_id: string; others: number; mine: number }[];
    const holdOf = new Map(holds.map((h) => [h.product_id, h]));

    for (const id of ids) {
      const s = byId.get(id)!;
      const quantity = items.get(id)!;
      const others = holdOf.get(id)?.others ?? 0;
      const available = Math.max(0, s.on_hand - others);
      if (quantity > available) {
        const details: OutOfStockDetails = { productId: id, available, requested: quantity };
        throw new AppError(ErrorCode.OutOfStock, `Only ${available} unit(s) of ${s.name} are available`, {
          ...details,
        });
      }
    }

    const lines: DeductStockResult['lines'] = [];
    for (const id of ids) {
      const s = byId.get(id)!;
      const quantity = items.get(id)!;
      const hold = holdOf.get(id);
      const onHand = s.on_hand - quantity;
      await em.query(
        `UPDATE inventory.stock SET on_hand = on_hand - $2, version = version + 1, updated_at = now()
          WHERE product_id = $1`,
        [id, quantity],
      );
      if (req.reservationOwnerId && hold && hold.mine > 0) {
        // Consume the shopper's own hold: the units are now taken for good.
        if (hold.mine <= quantity)
          await em.query(`DELETE FROM inventory.reservations WHERE owner_id = $1 AND product_id = $2`, [
            req.reservationOwnerId,
            id,
          ]);
        else
          await em.query(
            `UPDATE inventory.reservations SET quantity = quantity - $3, updated_at = now()
              WHERE owner_id = $1 AND product_id = $2`,
            [req.reservationOwnerId, id, quantity],
          );
      }
      const threshold = s.low_stock_threshold;
      if (fellBelowThreshold({ onHand: s.on_hand, threshold }, { onHand, threshold })) {
        const reserved = (hold?.others ?? 0) + Math.max(0, (hold?.mine ?? 0) - quantity);
        await recordStockLow(em, { productId: id, sku: s.sku }, { onHand, threshold, reserved });
      }
      lines.push({
        productId: id,
        quantity,
        unitPrice: { amountMinor: s.price_minor, currency: s.currency.trim() },
        name: s.name,
      });
    }
    await em.query(`INSERT INTO inventory.deductions (order_id, lines) VALUES ($1, $2::jsonb)`, [
      req.orderId,
      JSON.stringify(lines),
    ]);
    return { orderId: req.orderId, lines };
  }

  async restore(ctx: RequestContext, req: RestoreStockRequest): Promise<{ restored: boolean }> {
    if (typeof req.orderId !== 'string' || req.orderId.length === 0 || req.orderId.length > 200)
      throw AppError.badRequest('orderId must be a non-empty string of at most 200 characters');
    const reason = typeof req.reason === 'string' ? req.reason.slice(0, 500) : 'unspecified';
    for (let attempt = 0; attempt < 2; attempt++) {
      const outcome = await this.stock.lockedTransaction(async (em) => {
        await lockOrder(em, req.orderId);
        const rows = (await em.query(
          `SELECT order_id, lines, restored FROM inventory.deductions WHERE order_id = $1 FOR UPDATE`,
          [req.orderId],
        )) as DeductionRow[];
        if (rows.length === 0) {
          // No deduction yet: leave a tombstone so a late deduction for this order is refused.
          const inserted = (await em.query(
            `INSERT INTO inventory.deductions (order_id, lines, restored, restore_reason)
             VALUES ($1, '[]'::jsonb, true, $2) ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
            [req.orderId, reason],
          )) as unknown[];
          return inserted.length > 0 ? { restored: false, productIds: [] } : undefined;
        }
        if (rows[0].restored) return { restored: true, productIds: [] };
        const lines = [...rows[0].lines].sort((a, b) => a.productId.localeCompare(b.productId));
        const ids = lines.map((l) => l.productId);
        await em.query(
          `SELECT product_id FROM inventory.stock WHERE product_id = ANY($1::uuid[]) ORDER BY product_id FOR UPDATE`,
          [ids],
        );
        for (const line of lines)
          await em.query(
            `UPDATE inventory.stock SET on_hand = on_hand + $2, version = version + 1, updated_at = now()
              WHERE product_id = $1`,
            [line.productId, line.quantity],
          );
        await em.query(
          `UPDATE inventory.deductions SET restored = true, restore_reason = $2, updated_at = now() WHERE order_id = $1`,
          [req.orderId, reason],
        );
        return { restored: true, productIds: ids };
      });
      // undefined: a deduction for this order committed between our read and the tombstone; go again.
      if (!outcome) continue;
      this.invalidator.invalidate(outcome.productIds, ctx);
      return { restored: outcome.restored };
    }
    throw new AppError(ErrorCode.Busy, 'High traffic, try again', { retryAfterSeconds: 1 });
  }
}
