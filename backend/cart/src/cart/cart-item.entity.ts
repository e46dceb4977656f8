import { Column, Entity, Unique } from 'typeorm';
import { BaseEntity } from '@shop/persistence';

/** One product in a cart, with the last price and availability inventory reported (for stale views). */
@Entity({ schema: 'cart', name: 'cart_items' })
@Unique('cart_items_cart_product_uq', ['cartId', 'productId'])
export class CartItem extends BaseEntity {
  @Column({ name: 'cart_id', type: 'uuid' }) cartId!: string;
  @Column({ name: 'product_id', type: 'uuid' }) productId!: string;
  @Column({ type: 'integer' }) quantity!: number;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'image_url', type: 'text' }) imageUrl!: string;
  @Column({ name: 'price_minor', type: 'integer' }) priceMinor!: number;
  @Column({ type: 'char', length: 3 }) currency!: string;
  @Column({ name: 'last_available', type: 'integer' }) lastAvailable!: number;
  @Column({ name: 'checked_at', type: 'timestamptz' }) checkedAt!: Date;
  @Column({ name: 'reserved_until', type: 'timestamptz' }) reservedUntil!: Date;
}
