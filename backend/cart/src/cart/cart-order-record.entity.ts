import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@shop/persistence';

/** A line an order took out of a cart, with what the cart showed of it (to put it back as it was). */
export interface TakenLine {
  productId: string;
  quantity: number;
  name: string;
  imageUrl: string;
  priceMinor: number;
  currency: string;
  lastAvailable: number;
}

/**
 * What one order took out of its shopper's cart, once per order id; `restored` once its compensation gave it
 * back. A compensation that finds no record leaves one with no lines and `restored` set (a tombstone), so a
 * late removal for that order is refused.
 */
@Entity({ schema: 'cart', name: 'order_records' })
export class CartOrderRecord extends BaseEntity {
  @Column({ name: 'order_id', type: 'text', unique: true }) orderId!: string;
  @Column({ name: 'user_id', type: 'text' }) userId!: string;
  @Column({ type: 'jsonb' }) lines!: TakenLine[];
  @Column({ type: 'boolean', default: false }) restored!: boolean;
}
