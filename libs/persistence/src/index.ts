/** Base entity, per-service TypeORM configuration and migrations. */
export * from './base.entity';
export * from './database-options';
export * from './persistence.module';
export * from './outbox';
