// Angular-side code shared by the storefront and the admin console (not part of the backend build).
export * from './api-error';
export * from './event-source';
export * from './fake-event-source';
export * from './session-store';
export * from './shared-event-stream';
