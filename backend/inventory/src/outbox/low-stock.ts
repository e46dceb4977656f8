import { EntityManager } from 'typeorm';
import { StockLow, StockLowPayload } from '@shop/contracts';

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
  const payload: StockLowPayload = {
    productId: product.productId,
    sku: product.sku,
    available: Math.max(0, after.onHand - after.reserved),
    threshold: after.threshold,
  };
  await em.query(`INSERT INTO inventory.outbox (type, payload) VALUES ($1, $2::jsonb)`, [
    StockLow.type,
    JSON.stringify(payload),
  ]);
  await em.query(
    `INSERT INTO inventory.reorders (product_id, quantity, on_hand, threshold) VALUES ($1, $2, $3, $4)`,
    [product.productId, reorderQuantity(after.onHand, after.threshold), after.onHand, after.threshold],
  );
}
