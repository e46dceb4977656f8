import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A cart line change whose inventory hold may be set while its line is not yet stored: recorded (and
 * committed) before the cart asks inventory, deleted once the line is stored. A record left behind by an
 * instance that died or failed in between is settled by the HoldReconciler.
 */
@Entity({ schema: 'cart', name: 'pending_holds' })
export class PendingHold {
  @PrimaryColumn({ name: 'user_id', type: 'text' }) userId!: string;
  @PrimaryColumn({ name: 'product_id', type: 'uuid' }) productId!: string;
  /** Which change recorded it (a later change of the same line records a new token). */
  @Column({ type: 'uuid' }) token!: string;
  /** The instance that made the change: it settles its own records when it starts again. */
  @Column({ name: 'instance_id', type: 'text' }) instanceId!: string;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
}
