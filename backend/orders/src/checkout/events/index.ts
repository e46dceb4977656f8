export * from './order-placed.event';
export * from './stock-deducted.event';
export * from './payment-authorized.event';
export * from './cart-lines-taken.event';
export * from './checkout-step-failed.event';
export * from './checkout-finished.event';
