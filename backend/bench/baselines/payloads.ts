/**
 * Response bodies of the baselines, shaped like the real answers so that the comparison measures the
 * path and not the payload size.
 */

/** Shaped like GET /api/services/:service/info. */
export function infoPayload(): object {
  return {
    service: 'inventory',
    instanceId: 'inventory-b1',
    pid: process.pid,
    version: '0.1.0',
    startedAt: new Date().toISOString(),
  };
}

/** Shaped like GET /api/products?page=1&pageSize=20 (a page of 20 products). */
export function productPagePayload(pageSize = 20): object {
  const items = Array.from({ length: pageSize }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    sku: `SKU-${1000 + i}`,
    name: `Product number ${i + 1}`,
    description: 'A sturdy, well-made product that ships with a clear description of what it does.',
    category: ['books', 'garden', 'kitchen', 'toys'][i % 4],
    imageUrl: `/assets/products/p-${String(i + 1).padStart(3, '0')}.svg`,
    price: { amountMinor: 1999 + i * 100, currency: 'EUR' },
    available: 90,
    onHand: 100,
    reserved: 10,
    lowStockThreshold: 5,
    version: 1,
    updatedAt: new Date().toISOString(),
  }));
  return {
    items,
    page: 1,
    pageSize,
    total: 240,
    servedBy: { instanceId: 'bare', source: 'cache', consistency: 'eventual' },
  };
}
