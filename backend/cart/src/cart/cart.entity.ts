import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@shop/persistence';

/** A user's cart (one per user); its row is locked while the cart changes. */
@Entity({ schema: 'cart', name: 'carts' })
export class Cart extends BaseEntity {
  @Column({ name: 'user_id', type: 'text', unique: true }) userId!: string;
}
