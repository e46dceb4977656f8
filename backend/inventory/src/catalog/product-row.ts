import { ProductDto, StockLevel } from '@shop/contracts';

/** Columns of a product with its stock and active reservations, as selected by PRODUCT_SELECT. */
export interface ProductRow {
  id: string;
  sku: string;
  name: string;
  description: string;
  category: string;
  image_path: string;
  price_minor: number;
  currency: string;
  on_hand: number;
  reserved: number;
  low_stock_threshold: number;
  version: number;
  updated_at: Date | string;
}

/**
 * Products (alias p, read from `source`) joined with stock (s) and the sum of unexpired reservations (r).
 * `source` may be a CTE holding a page of products, so the joins run for that page only.
 */
export function productSelect(source = 'inventory.products', extraColumns = ''): string {
  return `
  SELECT ${extraColumns} p.id, p.sku, p.name, p.description, p.category, p.image_path, p.price_minor, p.currency,
         s.on_hand, s.low_stock_threshold, s.version, GREATEST(p.updated_at, s.updated_at) AS updated_at,
         COALESCE(r.reserved, 0)::int AS reserved
    FROM ${source} p
    JOIN inventory.stock s ON s.product_id = p.id
    LEFT JOIN LATERAL (
      SELECT SUM(quantity)::int AS reserved FROM inventory.reservations
       WHERE product_id = p.id AND expires_at > now()
    ) r ON true`;
}

/** Every product with its stock figures (filter with WHERE on p or s). */
export const PRODUCT_SELECT = productSelect();

export function toProductDto(row: ProductRow): ProductDto {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    description: row.description,
    category: row.category,
    imageUrl: row.image_path,
    price: { amountMinor: row.price_minor, currency: row.currency.trim() },
    available: Math.max(0, row.on_hand - row.reserved),
    onHand: row.on_hand,
    reserved: row.reserved,
    lowStockThreshold: row.low_stock_threshold,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export function toStockLevel(row: ProductRow): StockLevel {
  return {
    productId: row.id,
    sku: row.sku,
    name: row.name,
    onHand: row.on_hand,
    reserved: row.reserved,
    available: Math.max(0, row.on_hand - row.reserved),
    lowStockThreshold: row.low_stock_threshold,
    version: row.version,
  };
}
