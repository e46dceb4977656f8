/** Base entity, per-service TypeORM configuration and migrations, the outbox and its relay to JetStream. */
export * from './base.entity';
export * from './database-options';
export * from './persistence.module';
export * from './returning';
export * from './pipelined-transaction';
export * from './outbox';
export * from './outbox-relay.module';
