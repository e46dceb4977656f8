// Angular-side code shared by the storefront and the admin console (not part of the backend build).
export * from './api-error';
export * from './auth-api';
export * from './auth-interceptor';
export * from './error-reporter';
export * from './event-source';
export * from './fake-event-source';
export * from './return-url';
export * from './session-store';
export * from './shared-event-stream';
