/** Framework-free contracts shared by every service and both Angular apps. */
export * from './services';
export * from './subjects';
export * from './rpc';
export * from './errors';
export * from './platform/heartbeat';
export * from './platform/cluster-config';
export * from './platform/health';
export * from './platform/platform.rpc';
export * from './auth/auth-claims';
export * from './auth/demo-accounts';
export * from './auth/password-policy';
export * from './auth/auth.types';
export * from './auth/auth.rpc';
export * from './inventory/inventory.types';
export * from './inventory/inventory.rpc';
export * from './cart/cart.types';
export * from './cart/cart.rpc';
