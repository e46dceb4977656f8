import { Column, Entity } from 'typeorm';
import { UserRole, UserTier } from '@shop/contracts';
import { BaseEntity } from '@shop/persistence';

/** An account. Emails are unique case-insensitively (unique index on lower(email), see the migration). */
@Entity({ name: 'users' })
export class UserEntity extends BaseEntity {
  /** Stored trimmed and lowercased. */
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 100 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 16, default: 'customer' })
  role!: UserRole;

  @Column({ type: 'varchar', length: 16, default: 'normal' })
  tier!: UserTier;

  /** A generated test shopper: it has no password, and the admin API places orders for it. */
  @Column({ name: 'is_test', type: 'boolean', default: false })
  isTest!: boolean;
}
