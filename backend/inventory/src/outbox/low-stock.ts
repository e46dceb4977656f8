import { EntityManager } from 'typeorm';
import { StockLow, StockLowPayload } from '@shop/contracts';
import { appendToOutbox } from '@shop/persistence';
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
  const payload: StockLowPayload = {
    productId: product.productId,
    sku: product.sku,
    available: Math.max(0, after.onHand - after.reserved),
    threshold: after.threshold,
  };
  await appendToOutbox(em, 'inventory', [{ type: StockLow.type, payload }]);
  await em.getRepository(Reorder).insert({
    productId: product.productId,
    quantity: reorderQuantity(after.onHand, after.threshold),
    onHand: after.onHand,
    threshold: after.threshold,
  });
}
