import { Column, Entity, PrimaryColumn } from 'typeorm';
import { OrderPriority } from '@shop/contracts';

/** A confirmed order waiting in its priority queue, or being fulfilled by `claimedBy` (orders.order_queue). */
@Entity({ schema: 'orders', name: 'order_queue' })
export class QueuedOrderEntity {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ type: 'text' })
  priority!: OrderPriority;

  @Column({ name: 'enqueued_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  enqueuedAt!: Date;

  @Column({ name: 'claimed_by', type: 'text', nullable: true })
  claimedBy!: string | null;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;
}
