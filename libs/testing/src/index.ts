/** Harness for flow and end-to-end tests against real NATS, PostgreSQL and real OS processes. */
export * from './child-instance';
export * from './close-all';
export * from './event-stream-reader';
export * from './fake-peer';
export * from './free-port';
export * from './gateway-stack';
export * from './in-process-module';
export * from './prometheus-text';
export * from './repo-paths';
export * from './supervised-cluster';
export * from './test-cluster';
export * from './test-database';
export * from './test-ids';
export * from './wait-for';
