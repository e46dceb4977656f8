export * from './request-context';
export * from './app-error';
export * from './env';
export * from './logger';
export * from './percentiles';
export * from './jwt-secret';
export * from './uuid';
export * from './idle-memory-trimmer';
