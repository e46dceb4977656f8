import type { StockLevel } from '@shop/contracts';

export const LAMP: StockLevel = {
  productId: 'p-1',
  sku: 'HOME-001',
  name: 'Desk lamp',
  onHand: 20,
  reserved: 4,
  available: 16,
  lowStockThreshold: 5,
  version: 3,
};
