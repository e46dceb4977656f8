export * from './outbox-record.entity';
export * from './outbox-tables';
export * from './outbox-writer';
export * from './outbox-relay';
