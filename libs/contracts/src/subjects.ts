/**
 * NATS subjects, built in one place. Every subject starts with a prefix (default `shop`) so that
 * test runs and several clusters can share one NATS server without hearing each other.
 *
 *   <prefix>.rpc.<service>.<action>              queue-grouped: any instance of the service answers
 *   <prefix>.inst.<instanceId>.<service>.<action> exactly the instance the balancer chose answers
 *   <prefix>.registry.heartbeat.<service>.<id>    heartbeats (every 500 ms)
 *   <prefix>.registry.leave.<service>.<id>        departure (graceful, or announced by a supervisor)
 *   <prefix>.bcast.<name>                         fan-out to every instance (cache invalidation, revocations)
 *   <prefix>.evt.<name>                           durable domain events (JetStream)
 *   <prefix>.logs.<service>                       centralized log records
 *   <prefix>.supervisor.<action>                  commands to the local supervisor (scale, status, chaos-*)
 */
const TOKEN = /^[A-Za-z0-9_-]+$/;

/** Whether `token` can be one token of a subject: letters, digits, "_" and "-" only, not empty. */
export function isSubjectToken(token: string): boolean {
  return TOKEN.test(token);
}

/** Throws when a token would break a subject (dots, wildcards, spaces or empty). */
export function assertSubjectToken(token: string, what = 'subject token'): string {
  if (!isSubjectToken(token))
    throw new Error(`Invalid ${what} "${token}": use letters, digits, "_" and "-" only`);
  return token;
}

export function subject(prefix: string, ...tokens: string[]): string {
  return [prefix, ...tokens].map((t) => assertSubjectToken(t)).join('.');
}

export const Subjects = {
  rpc: (prefix: string, service: string, action: string) => subject(prefix, 'rpc', service, action),
  rpcAll: (prefix: string, service: string) => `${subject(prefix, 'rpc', service)}.*`,
  instance: (prefix: string, instanceId: string, service: string, action: string) =>
    subject(prefix, 'inst', instanceId, service, action),
  instanceAll: (prefix: string, instanceId: string, service: string) =>
    `${subject(prefix, 'inst', instanceId, service)}.*`,
  heartbeat: (prefix: string, service: string, instanceId: string) =>
    subject(prefix, 'registry', 'heartbeat', service, instanceId),
  /** The heartbeats of every process that uses this instance id, whatever service it serves. */
  heartbeatsOf: (prefix: string, instanceId: string) =>
    `${subject(prefix, 'registry', 'heartbeat')}.*.${assertSubjectToken(instanceId, 'instance id')}`,
  leave: (prefix: string, service: string, instanceId: string) =>
    subject(prefix, 'registry', 'leave', service, instanceId),
  registryAll: (prefix: string) => `${subject(prefix, 'registry')}.>`,
  broadcast: (prefix: string, name: string) => subject(prefix, 'bcast', name),
  event: (prefix: string, name: string) => subject(prefix, 'evt', name),
  eventsAll: (prefix: string) => `${subject(prefix, 'evt')}.>`,
  logs: (prefix: string, service: string) => subject(prefix, 'logs', service),
  logsAll: (prefix: string) => `${subject(prefix, 'logs')}.>`,
  /** Request/reply commands to the local supervisor (`npm start`), when one runs the cluster. */
  supervisor: (prefix: string, action: string) => subject(prefix, 'supervisor', action),
} as const;

/** JetStream names cannot contain dots; derive them from the prefix. */
export function streamName(prefix: string, name: string): string {
  return `${assertSubjectToken(prefix, 'prefix')}_${assertSubjectToken(name, 'stream name')}`.toUpperCase();
}
