export * from './events-stream';
export * from './event-publisher';
export * from './durable-consumer';
