import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Statement, returnedEntities } from '@shop/persistence';
import {
  DeductStockRequest,
  DeductStockResult,
  ErrorCode,
  OutOfStockDetails,
  RestoreStockRequest,
} from '@shop/contracts';
import { AppError, RequestContext, isUuid } from '@shop/common';
import { CatalogInvalidator } from '../catalog/catalog-invalidator';
import { fellBelowThreshold, stockLowStatements } from '../outbox/low-stock';
import { Deduction } from './deduction.entity';
import { PG_UNIQUE_VIOLATION, pgCode } from './pg-errors';
import { Reservation } from './reservation.entity';
import { HeldUnits, lockStock, readLocked } from './stock-locks';
import { Stock } from './stock.entity';
import { StockService } from './stock.service';

const MAX_LINES = 100;

/**
 * Serializes deductions and restores of one order (transaction-scoped advisory lock, bounded by the lock
 * timeout), so a concurrent retry sees the first call's committed deduction instead of racing it. SQL
 * because the advisory lock is the mechanism.
 */
const LOCK_ORDER = `SELECT pg_advisory_xact_lock(hashtext('inventory:order:' || $1))`;

async function lockOrder(em: EntityManager, orderId: string): Promise<void> {
  await em.query(LOCK_ORDER, [orderId]);
}

/** The answer for an order that has a deduction record already (a tombstone refuses a late deduction). */
function earlierResult(orderId: string, record: Pick<Deduction, 'lines' | 'restored'>): DeductStockResult {
  if (record.restored)
    throw AppError.conflict(
      `Order ${orderId} was cancelled and its stock restored; it cannot be deducted again`,
      {
        orderId,
      },
    );
  return { orderId, lines: record.lines };
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

function checkOrderId(orderId: unknown): asserts orderId is string {
  if (typeof orderId !== 'string' || orderId.length === 0 || orderId.length > 200)
    throw AppError.badRequest('orderId must be a non-empty string of at most 200 characters');
}

/**
 * Order-time stock: `deduct` takes the stock for an order exactly once (unique order id), consuming the
 * shopper's hold first (and answering, per line, how much of it was consumed); `restore` is its
 * compensation, also exactly once. Both run under the order's lock, then the stock row locks (product-id
 * order, 5 s lock timeout: BUSY with nothing held).
 */
@Injectable()
export class DeductionService {
  constructor(
    private readonly ds: DataSource,
    private readonly stock: StockService,
    private readonly invalidator: CatalogInvalidator,
  ) {}

  async deduct(ctx: RequestContext, req: DeductStockRequest): Promise<DeductStockResult> {
    checkOrderId(req.orderId);
    const items = mergeItems(req.items);
    try {
      const result = await this.stock.pipelinedLockedTransaction(async (tx) => {
        const { stock, holds, also } = await readLocked(tx, this.ds, [...items.keys()], {
          first: [[LOCK_ORDER, [req.orderId]]],
          also: [this.earlierDeduction(req.orderId)],
        });
        const [earlier] = returnedEntities(this.ds.manager, Deduction, also[0].rows);
        if (earlier) return earlierResult(req.orderId, earlier);
        const { result, writes } = this.planDeduction(req, items, stock, holds);
        await tx.commit(...writes);
        return result;
      });
      this.invalidator.invalidate([...items.keys()], ctx);
      return result;
    } catch (err) {
      // A concurrent call for the same order committed first: answer with its result.
      if (pgCode(err) === PG_UNIQUE_VIOLATION) {
        const earlier = await this.ds.manager.findOneBy(Deduction, { orderId: req.orderId });
        if (earlier) return earlierResult(req.orderId, earlier);
      }
      throw err;
    }
  }

  /** The SELECT of the order's deduction record, if it has one. */
  private earlierDeduction(orderId: string) {
    return this.ds
      .createQueryBuilder()
      .select('d.*')
      .from(Deduction, 'd')
      .where('d.order_id = :orderId', { orderId });
  }

  /**
   * Decided under the order and stock locks, so it sees every hold committed before them. The shopper's own
   * hold (`reservationOwnerId`) counts toward the order: only the others' holds are subtracted from on hand.
   * When every line fits, the writes take the stock, consume the shopper's hold and record the deduction with
   * what each line took from that hold (`fromHold`); otherwise it refuses and nothing is written.
   */
  private planDeduction(
    req: DeductStockRequest,
    items: Map<string, number>,
    locked: Map<string, Stock>,
    holds: HeldUnits,
  ): { result: DeductStockResult; writes: Statement[] } {
    const ids = [...items.keys()].sort();
    for (const id of ids)
      if (!locked.has(id)) throw AppError.notFound(`Unknown product "${id}"`, { productId: id });
    const owner = req.reservationOwnerId ?? '';
    const consume = !!req.reservationOwnerId;

    for (const id of ids) {
      const s = locked.get(id)!;
      const quantity = items.get(id)!;
      const available = Math.max(0, s.onHand - holds.others(id, owner));
      if (quantity <= available) continue;
      const details: OutOfStockDetails = { productId: id, available, requested: quantity };
      throw new AppError(
        ErrorCode.OutOfStock,
        `Only ${available} unit(s) of ${s.product.name} are available`,
        {
          ...details,
        },
      );
    }

    const lines: DeductStockResult['lines'] = ids.map((id) => {
      const { product } = locked.get(id)!;
      const quantity = items.get(id)!;
      return {
        productId: id,
        quantity,
        unitPrice: { amountMinor: product.priceMinor, currency: product.currency.trim() },
        name: product.name,
        fromHold: consume ? Math.min(holds.mine(id, owner), quantity) : 0,
      };
    });
    const qb = () => this.ds.createQueryBuilder();
    const writes: Statement[] = [];
    for (const { productId: id, quantity } of lines) {
      const s = locked.get(id)!;
      const onHand = s.onHand - quantity;
      writes.push(
        qb()
          .update(Stock)
          .set({ onHand, version: () => 'version + 1' })
          .where({ productId: id }),
      );
      const mine = holds.mine(id, owner);
      if (consume && mine > 0) {
        const hold = { ownerId: owner, productId: id };
        writes.push(
          mine <= quantity
            ? qb().delete().from(Reservation).where(hold)
            : qb()
                .update(Reservation)
                .set({ quantity: mine - quantity })
                .where(hold),
        );
      }
      const threshold = s.lowStockThreshold;
      if (fellBelowThreshold({ onHand: s.onHand, threshold }, { onHand, threshold })) {
        const reserved = holds.others(id, owner) + Math.max(0, mine - quantity);
        writes.push(
          ...stockLowStatements(
            this.ds.manager,
            { productId: id, sku: s.product.sku },
            { onHand, threshold, reserved },
          ),
        );
      }
    }
    writes.push(qb().insert().into(Deduction).values({ orderId: req.orderId, lines }));
    return { result: { orderId: req.orderId, lines }, writes };
  }

  async restore(ctx: RequestContext, req: RestoreStockRequest): Promise<{ restored: boolean }> {
    checkOrderId(req.orderId);
    const reason = typeof req.reason === 'string' ? req.reason.slice(0, 500) : 'unspecified';
    const outcome = await this.stock.lockedTransaction(async (em) => {
      await lockOrder(em, req.orderId);
      const deductions = em.getRepository(Deduction);
      const record = await deductions.findOneBy({ orderId: req.orderId });
      if (!record) {
        // No deduction yet: leave a tombstone so a late deduction for this order is refused (the order lock
        // keeps a deduction of this order from committing meanwhile).
        await deductions.insert({ orderId: req.orderId, lines: [], restored: true, restoreReason: reason });
        return { restored: false, productIds: [] };
      }
      if (record.restored) return { restored: true, productIds: [] };
      const locked = await lockStock(
        em,
        record.lines.map((l) => l.productId),
      );
      for (const line of record.lines) {
        const s = locked.get(line.productId);
        if (!s) continue;
        await em
          .getRepository(Stock)
          .update(
            { productId: s.productId },
            { onHand: s.onHand + line.quantity, version: () => 'version + 1' },
          );
      }
      await deductions.update({ id: record.id }, { restored: true, restoreReason: reason });
      return { restored: true, productIds: record.lines.map((l) => l.productId) };
    });
    this.invalidator.invalidate(outcome.productIds, ctx);
    return { restored: outcome.restored };
  }
}
