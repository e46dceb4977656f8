import { Column, Entity } from 'typeorm';
import {
  CartLineQuantity,
  OrderItemInput,
  OrderLineDto,
  OrderPriority,
  OrderStatus,
  PriceBreakdown,
  SagaStep,
  ShippingAddress,
  ShippingMethod,
  TimelineEntryDto,
} from '@shop/contracts';
import { BaseEntity } from '@shop/persistence';

/** A bigint column read as a number (amounts in minor units stay far below 2^53). */
const bigintAsNumber = { to: (v: number) => v, from: (v: string | number) => Number(v) };

/** An order and the state of its checkout saga (orders.orders). */
@Entity({ schema: 'orders', name: 'orders' })
export class OrderEntity extends BaseEntity {
  @Column({ name: 'user_id', type: 'text' })
  userId!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  priority!: OrderPriority;

  @Column({ type: 'text' })
  status!: OrderStatus;

  @Column({ name: 'saga_step', type: 'text' })
  sagaStep!: SagaStep;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey!: string;

  /** Hash of the request body: the same key with another body is refused. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  /** What the shopper ordered. */
  @Column({ type: 'jsonb' })
  items!: OrderItemInput[];

  /** What inventory deducted, with names and prices (empty until the stock is deducted). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  lines!: OrderLineDto[];

  @Column({ name: 'from_cart', type: 'boolean', default: false })
  fromCart!: boolean;

  /** What the order takes out of the shopper's cart, recorded with the stock deduction. */
  @Column({ name: 'cart_lines', type: 'jsonb', default: () => "'[]'::jsonb" })
  cartLines!: CartLineQuantity[];

  @Column({ type: 'jsonb', nullable: true })
  shipping!: ShippingAddress | null;

  /** Where the order goes: decides its tax rate (NULL for orders priced before the rules existed). */
  @Column({ name: 'destination_country', type: 'text', nullable: true })
  destinationCountry!: string | null;

  @Column({ name: 'shipping_method', type: 'text', default: 'standard' })
  shippingMethod!: ShippingMethod;

  /** The breakdown `totalMinor` was computed by, recorded with the stock deduction. */
  @Column({ type: 'jsonb', nullable: true })
  pricing!: PriceBreakdown | null;

  @Column({ type: 'text', default: 'USD' })
  currency!: string;

  @Column({ name: 'total_minor', type: 'bigint', default: 0, transformer: bigintAsNumber })
  totalMinor!: number;

  @Column({ name: 'failure_code', type: 'text', nullable: true })
  failureCode!: string | null;

  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason!: string | null;

  @Column({ name: 'retry_after_s', type: 'integer', nullable: true })
  retryAfterSeconds!: number | null;

  @Column({ name: 'correlation_id', type: 'text' })
  correlationId!: string;

  /** The instance running the saga, until `leaseUntil` (see SagaLeaseService). */
  @Column({ name: 'lease_owner', type: 'text', nullable: true })
  leaseOwner!: string | null;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  @Column({ name: 'processing_started_at', type: 'timestamptz', nullable: true })
  processingStartedAt!: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  /**
   * Every step of the order's life, oldest first, appended by the statement that records the step. Read
   * only where it is shown (`select: false`): lists and saga steps do without it.
   */
  @Column({ type: 'jsonb', default: () => "'[]'::jsonb", select: false })
  timeline!: TimelineEntryDto[];
}
