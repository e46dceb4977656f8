export * from './domain-event';
export * from './order-events';
export * from './payment-events';
