import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@shop/persistence';
import { DeductStockResult } from '@shop/contracts';

/**
 * Stock taken for one order (unique per order id, so a retried deduction never takes twice).
 * `restored` marks a compensated deduction, or a tombstone when the restore came first.
 */
@Entity({ schema: 'inventory', name: 'deductions' })
export class Deduction extends BaseEntity {
  @Column({ name: 'order_id', type: 'text', unique: true }) orderId!: string;
  @Column({ type: 'jsonb' }) lines!: DeductStockResult['lines'];
  @Column({ type: 'boolean', default: false }) restored!: boolean;
  @Column({ name: 'restore_reason', type: 'text', nullable: true }) restoreReason!: string | null;
}
