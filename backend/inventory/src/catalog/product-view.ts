import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { ProductDto, StockLevel } from '@shop/contracts';
import { Reservation } from '../stock/reservation.entity';
import { Stock } from '../stock/stock.entity';
import { Product } from './product.entity';

/** A product with its stock figures, as `productViews` selects it. */
export interface ProductView {
  id: string;
  sku: string;
  name: string;
  description: string;
  category: string;
  imagePath: string;
  priceMinor: number;
  currency: string;
  onHand: number;
  reserved: number;
  lowStockThreshold: number;
  version: number;
  updatedAt: Date | string;
}

/**
 * Products (alias `p`) with their stock (`s`) and the units of their active holds. Filter, order and page
 * it, then read with `getRawMany<ProductView>()`. The held units are a subquery per product row, so a page
 * of products sums the holds of that page only.
 */
export function productViews(em: EntityManager): SelectQueryBuilder<Product> {
  return em
    .getRepository(Product)
    .createQueryBuilder('p')
    .innerJoin(Stock, 's', 's.productId = p.id')
    .select([
      'p.id AS "id"',
      'p.sku AS "sku"',
      'p.name AS "name"',
      'p.description AS "description"',
      'p.category AS "category"',
      'p.imagePath AS "imagePath"',
      'p.priceMinor AS "priceMinor"',
      'p.currency AS "currency"',
      's.onHand AS "onHand"',
      's.lowStockThreshold AS "lowStockThreshold"',
      's.version AS "version"',
      'GREATEST(p.updatedAt, s.updatedAt) AS "updatedAt"',
    ])
    .addSelect(
      (sub) =>
        sub
          .select('COALESCE(SUM(r.quantity), 0)::int')
          .from(Reservation, 'r')
          .where('r.productId = p.id')
          .andWhere('r.expiresAt > now()'),
      'reserved',
    );
}

export function toProductDto(row: ProductView): ProductDto {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    description: row.description,
    category: row.category,
    imageUrl: row.imagePath,
    price: { amountMinor: row.priceMinor, currency: row.currency.trim() },
    available: Math.max(0, row.onHand - row.reserved),
    onHand: row.onHand,
    reserved: row.reserved,
    lowStockThreshold: row.lowStockThreshold,
    version: row.version,
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

export function toStockLevel(row: ProductView): StockLevel {
  return {
    productId: row.id,
    sku: row.sku,
    name: row.name,
    onHand: row.onHand,
    reserved: row.reserved,
    available: Math.max(0, row.onHand - row.reserved),
    lowStockThreshold: row.lowStockThreshold,
    version: row.version,
  };
}
