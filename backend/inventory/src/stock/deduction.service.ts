import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  DeductStockRequest,
  DeductStockResult,
  ErrorCode,
  OutOfStockDetails,
  RestoreStockRequest,
} from '@shop/contracts';
import { AppError, RequestContext, isUuid } from '@shop/common';
import { TransactionControl, sqlLiteral } from '@shop/persistence';
import { CatalogInvalidator } from '../catalog/catalog-invalidator';
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

/** Order ids that go into SQL text as they are (UUIDs and similar): the order lock then rides with BEGIN. */
const PLAIN_ORDER_ID = /^[A-Za-z0-9:_.-]{1,200}$/;

/** The order lock as trusted SQL for `lockedTransaction`, or undefined when the id needs a parameter. */
function lockOrderSql(orderId: string): string | undefined {
  return PLAIN_ORDER_ID.test(orderId)
    ? `SELECT pg_advisory_xact_lock(hashtext('inventory:order:' || ${sqlLiteral(orderId)}))`
    : undefined;
}

/** The answer for an order that has a deduction record already (a tombstone refuses a late deduction). */
function earlierResult(orderId: string, row: Pick<DeductionRow, 'lines' | 'restored'>): DeductStockResult {
  if (row.restored)
    throw AppError.conflict(
      `Order ${orderId} was cancelled and its stock restored; it cannot be deducted again`,
      {
        orderId,
      },
    );
  return { orderId, lines: row.lines };
}

/** A locked stock row with its product, and the order's earlier deduction (if any; the same on every row). */
type LockedRow = LockedStock & { previous: Pick<DeductionRow, 'lines' | 'restored'> | null };

/**
 * Locks the stock rows of `ids` (in product order: no deadlocks) reading the order's earlier deduction. The
 * statement is a function of the inventory schema (migration InventoryDeductionFunctions), so its plan is
 * kept per connection.
 */
function lockStockSql(ids: string, orderId: string): string {
  return `SELECT * FROM inventory.lock_stock_for_order(${ids}::uuid[], ${orderId})`;
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
 * shopper's reservation first (and answering, per line, how much of it was consumed); `restore` is its compensation, also exactly once. Stock rows are locked in
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
      // With a plain order id, BEGIN carries the order lock and then the stock lock (statements of one
      // message each take their own snapshot, so the stock read sees what committed before the order lock).
      const lockSql = lockOrderSql(req.orderId);
      const ids = [...items.keys()].sort();
      const result = await this.stock.lockedTransaction(
        async (em, lockedRows, tx) => {
          if (!lockSql) await lockOrder(em, req.orderId);
          const locked = lockSql
            ? (lockedRows as unknown as LockedRow[])
            : ((await em.query(lockStockSql('$1', '$2'), [ids, req.orderId])) as LockedRow[]);
          return this.deductLocked(em, tx, req, items, ids, locked);
        },
        lockSql && `${lockSql}; ${lockStockSql(`'{${ids.join(',')}}'`, sqlLiteral(req.orderId))}`,
      );
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
    return earlierResult(orderId, rows[0]);
  }

  /** Runs after the order and stock locks: one statement checks the holds and writes everything. */
  private async deductLocked(
    em: EntityManager,
    tx: TransactionControl,
    req: DeductStockRequest,
    items: Map<string, number>,
    ids: string[],
    locked: LockedRow[],
  ): Promise<DeductStockResult> {
    // An earlier call for this order committed (before we took the order lock): answer as it did.
    if (locked.length < ids.length) {
      const earlier = await this.existing(em, req.orderId);
      if (earlier) return earlier;
    } else if (locked[0].previous) {
      return earlierResult(req.orderId, locked[0].previous);
    }
    const byId = new Map(locked.map((s) => [s.product_id, s]));
    for (const id of ids)
      if (!byId.has(id)) throw AppError.notFound(`Unknown product "${id}"`, { productId: id });

    const lines: DeductStockResult['lines'] = ids.map((id) => {
      const s = byId.get(id)!;
      return {
        productId: id,
        quantity: items.get(id)!,
        unitPrice: { amountMinor: s.price_minor, currency: s.currency.trim() },
        name: s.name,
      };
    });
    // One statement, after the stock row locks (so it sees every hold committed before): the holds of others
    // and the shopper, and, only when every line fits, the stock, the shopper's consumed holds and the
    // deduction record with what each line took from the shopper's hold (inventory.apply_deduction, whose
    // plan is kept per connection). The shopper's own hold counts toward the order: only others' holds are
    // subtracted from on hand.
    const sql = `SELECT * FROM inventory.apply_deduction($1::uuid[], $2::int[], $3::int[], $4, $5, $6, $7::jsonb)`;
    const params = [
      ids,
      ids.map((id) => items.get(id)!),
      ids.map((id) => byId.get(id)!.on_hand),
      req.reservationOwnerId ?? '',
      !!req.reservationOwnerId,
      req.orderId,
      JSON.stringify(lines),
    ];
    // Unless a STOCK_LOW record must follow, the statement goes with COMMIT in one round trip (an order that
    // does not fit wrote nothing: committing is the same as rolling back).
    const fallsLow = ids.some((id) => {
      const s = byId.get(id)!;
      const threshold = s.low_stock_threshold;
      return fellBelowThreshold(
        { onHand: s.on_hand, threshold },
        { onHand: s.on_hand - items.get(id)!, threshold },
      );
    });
    const checked = (fallsLow ? await em.query(sql, params) : await tx.commitWith(sql, params)) as {
      product_id: string;
      others: number;
      mine: number;
      fits: boolean;
    }[];
    const holdOf = new Map(checked.map((h) => [h.product_id, h]));

    for (const id of ids) {
      const hold = holdOf.get(id)!;
      if (hold.fits) continue;
      const s = byId.get(id)!;
      const quantity = items.get(id)!;
      const available = Math.max(0, s.on_hand - hold.others);
      const details: OutOfStockDetails = { productId: id, available, requested: quantity };
      throw new AppError(ErrorCode.OutOfStock, `Only ${available} unit(s) of ${s.name} are available`, {
        ...details,
      });
    }

    const consume = !!req.reservationOwnerId;
    for (const line of lines) {
      const hold = holdOf.get(line.productId)!;
      line.fromHold = consume ? Math.min(hold.mine, line.quantity) : 0;
    }
    for (const id of ids) {
      const s = byId.get(id)!;
      const quantity = items.get(id)!;
      const hold = holdOf.get(id)!;
      const onHand = s.on_hand - quantity;
      const threshold = s.low_stock_threshold;
      if (fellBelowThreshold({ onHand: s.on_hand, threshold }, { onHand, threshold })) {
        const reserved = hold.others + Math.max(0, hold.mine - quantity);
        await recordStockLow(em, { productId: id, sku: s.sku }, { onHand, threshold, reserved });
      }
    }
    return { orderId: req.orderId, lines };
  }

  async restore(ctx: RequestContext, req: RestoreStockRequest): Promise<{ restored: boolean }> {
    if (typeof req.orderId !== 'string' || req.orderId.length === 0 || req.orderId.length > 200)
      throw AppError.badRequest('orderId must be a non-empty string of at most 200 characters');
    const reason = typeof req.reason === 'string' ? req.reason.slice(0, 500) : 'unspecified';
    const lockSql = lockOrderSql(req.orderId);
    for (let attempt = 0; attempt < 2; attempt++) {
      const outcome = await this.stock.lockedTransaction(async (em) => {
        if (!lockSql) await lockOrder(em, req.orderId);
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
      }, lockSql);
      // undefined: a deduction for this order committed between our read and the tombstone; go again.
      if (!outcome) continue;
      this.invalidator.invalidate(outcome.productIds, ctx);
      return { restored: outcome.restored };
    }
    throw new AppError(ErrorCode.Busy, 'High traffic, try again', { retryAfterSeconds: 1 });
  }
}
