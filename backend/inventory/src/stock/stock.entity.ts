import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Product } from '../catalog/product.entity';

/** Stock of one product (keyed by the product id): on hand, optimistic version, low-stock threshold. */
@Entity({ schema: 'inventory', name: 'stock' })
export class Stock {
  @PrimaryColumn({ name: 'product_id', type: 'uuid' }) productId!: string;
  @OneToOne(() => Product)
  @JoinColumn({ name: 'product_id' })
  product!: Product;
  @Column({ name: 'on_hand', type: 'integer' }) onHand!: number;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'low_stock_threshold', type: 'integer' }) lowStockThreshold!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
