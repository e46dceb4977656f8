import { Column, Entity, Index } from 'typeorm';
import { PaymentStatus } from '@shop/contracts';
import { BaseEntity } from '@shop/persistence';

/** One payment per order (the unique order id is the idempotency key of every charge). */
@Entity({ name: 'payments' })
export class PaymentEntity extends BaseEntity {
  @Index({ unique: true })
  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ type: 'text' })
  status!: PaymentStatus;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: { to: (v: number) => v, from: Number } })
  amountMinor!: number;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ type: 'text' })
  provider!: string;

  @Column({ name: 'card_last4', type: 'text' })
  cardLast4!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'provider_ref', type: 'text', nullable: true })
  providerRef!: string | null;

  @Column({ name: 'correlation_id', type: 'text', nullable: true })
  correlationId!: string | null;
}
