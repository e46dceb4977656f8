import { Column, Entity, Unique } from 'typeorm';
import { BaseEntity } from '@shop/persistence';

/** Units held for an owner (e.g. `cart:<userId>`) until `expiresAt`; one row per owner and product. */
@Entity({ schema: 'inventory', name: 'reservations' })
@Unique('reservations_owner_product_uq', ['ownerId', 'productId'])
export class Reservation extends BaseEntity {
  @Column({ name: 'owner_id', type: 'text' }) ownerId!: string;
  @Column({ name: 'product_id', type: 'uuid' }) productId!: string;
  @Column({ type: 'integer' }) quantity!: number;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
}
