import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@shop/persistence';

/** A replenishment request recorded when a product's stock falls below its low-stock threshold. */
@Entity({ schema: 'inventory', name: 'reorders' })
export class Reorder extends BaseEntity {
  @Column({ name: 'product_id', type: 'uuid' }) productId!: string;
  @Column({ type: 'integer' }) quantity!: number;
  @Column({ name: 'on_hand', type: 'integer' }) onHand!: number;
  @Column({ type: 'integer' }) threshold!: number;
  @Column({ type: 'text', default: 'requested' }) status!: string;
}
