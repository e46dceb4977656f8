import { Column, Entity, Index } from 'typeorm';
import type { CartDto, ErrorCode } from '@shop/contracts';
import { BaseEntity } from '@shop/persistence';

/** How a keyed cart change ended: the cart it answered, or the refusal (code, message, details). */
export type RecordedOutcome =
  | { ok: true; cart: CartDto }
  | { ok: false; code: ErrorCode; message: string; details?: Record<string, unknown> };

/**
 * The first outcome of a cart change sent with an idempotency key, once per shopper and key: the same key
 * sent again (a client replaying its offline queue, a retry on another instance) is answered with it, and
 * the change is not applied a second time. `request` names what the key was first used for.
 */
@Entity({ schema: 'cart', name: 'change_records' })
@Index('change_records_user_key', ['userId', 'key'], { unique: true })
export class CartChangeRecord extends BaseEntity {
  @Column({ name: 'user_id', type: 'text' }) userId!: string;
  @Column({ name: 'idempotency_key', type: 'text' }) key!: string;
  @Column({ type: 'text' }) request!: string;
  @Column({ type: 'jsonb' }) outcome!: RecordedOutcome;
}
