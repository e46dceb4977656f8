/** Configuration: environment-variable schemas, checked at start, with the variable named on failure. */
export * as envVar from './env-kit';
export * from './load-config';
export * from './instance.env';
export * from './config.module';
