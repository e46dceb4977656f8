import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@shop/persistence';

/**
 * Login-attempt counter for one key (`account:<email>` or `address:<ip>`), shared by every auth instance.
 * Fixed window: `failures` counts attempts since `windowStartedAt` that did not succeed (each attempt is
 * counted before the password check, and a success gives its count back); at the limit the key is blocked.
 */
@Entity({ name: 'login_throttle' })
export class LoginThrottleEntity extends BaseEntity {
  @Column({ type: 'varchar', length: 300, unique: true })
  key!: string;

  @Column({ type: 'int', default: 0 })
  failures!: number;

  @Column({ name: 'window_started_at', type: 'timestamptz' })
  windowStartedAt!: Date;

  @Column({ name: 'blocked_until', type: 'timestamptz', nullable: true })
  blockedUntil!: Date | null;
}
