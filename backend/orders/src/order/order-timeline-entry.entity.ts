import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { TimelineEntryDto } from '@shop/contracts';

/** One step of an order's life as the order detail shows it (orders.order_timeline). */
@Entity({ schema: 'orders', name: 'order_timeline' })
export class OrderTimelineEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ type: 'text' })
  step!: string;

  @Column({ type: 'text' })
  outcome!: TimelineEntryDto['outcome'];

  @Column({ name: 'instance_id', type: 'text' })
  instanceId!: string;

  @Column({ name: 'correlation_id', type: 'text' })
  correlationId!: string;

  @Column({ type: 'text', nullable: true })
  detail!: string | null;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at!: Date;
}
