import { EntityManager, InsertQueryBuilder, ObjectLiteral } from 'typeorm';
import { StockLow, StockLowPayload } from '@shop/contracts';
import { outboxInsert } from '@shop/persistence';
import { Reorder } from './reorder.entity';

export interface StockSnapshot {
  onHand: number;
  threshold: number;
}

/** True when this change takes the stock from at/above its threshold to below it (edge-triggered). */
export function fellBelowThreshold(before: StockSnapshot, after: StockSnapshot): boolean {
  return after.onHand < after.threshold && !(before.onHand < before.threshold);
}

/** Units to reorder: enough to get back to four times the threshold (at least 10). */
export function reorderQuantity(onHand: number, threshold: number): number {
  return Math.max(10, threshold * 4 - onHand);
}

/**
 * Records, in the caller's transaction, the durable STOCK_LOW event (outbox row for the JetStream relay)
 * and a reorder for the product.
 */
export async function recordStockLow(
  em: EntityManager,
  product: { productId: string; sku: string },
  after: StockSnapshot & { reserved: number },
): Promise<void> {
  for (const statement of stockLowStatements(em, product, after)) await statement.execute();
}

/** The statements `recordStockLow` runs, for a caller that sends them itself (see PipelinedTransaction). */
export function stockLowStatements(
  em: EntityManager,
  product: { productId: string; sku: string },
  after: StockSnapshot & { reserved: number },
): [InsertQueryBuilder<ObjectLiteral>, InsertQueryBuilder<Reorder>] {
  const payload: StockLowPayload = {
    productId: product.productId,
    sku: product.sku,
    available: Math.max(0, after.onHand - after.reserved),
    threshold: after.threshold,
  };
  return [
    outboxInsert(em, 'inventory', [{ type: StockLow.type, payload }]),
    em
      .createQueryBuilder()
      .insert()
      .into(Reorder)
      .values({
        productId: product.productId,
        quantity: reorderQuantity(after.onHand, after.threshold),
        onHand: after.onHand,
        threshold: after.threshold,
      }),
  ];
}
