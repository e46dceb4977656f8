import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row of a service's transactional outbox (`<schema>.outbox`, created by `outboxTableSql`): an event
 * written in the transaction that made the change it describes, published by the relay (message id = `id`),
 * which then sets `publishedAt`. Every service's data source maps it in the service's own schema.
 */
@Entity({ name: 'outbox' })
export class OutboxRecord {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) type!: string;
  @Column({ type: 'jsonb' }) payload!: object;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
}
