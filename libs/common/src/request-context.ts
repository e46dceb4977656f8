import { randomUUID } from 'node:crypto';

/** Who is calling: a signed-in user (validated at the gateway) or a service acting on its own. */
export interface Caller {
  userId?: string;
  email?: string;
  role?: 'customer' | 'admin';
  tier?: 'normal' | 'vip';
  /** The service that sent the request. */
  service?: string;
}

/**
 * Travels with every request, HTTP and NATS alike: service methods take it as their first argument.
 * `deadline` is an absolute epoch-ms time after which nobody should still work on the request.
 */
export interface RequestContext {
  readonly correlationId: string;
  readonly caller?: Caller;
  readonly deadline?: number;
  readonly idempotencyKey?: string;
}

export function newCorrelationId(): string {
  return randomUUID();
}

export function createContext(partial: Partial<RequestContext> = {}): RequestContext {
  return { correlationId: partial.correlationId ?? newCorrelationId(), ...partial } as RequestContext;
}

/** A context for work a service starts itself (sweepers, relays), with a fresh correlation id. */
export function systemContext(service: string, correlationId = newCorrelationId()): RequestContext {
  return { correlationId, caller: { service } };
}

export function remainingMs(ctx: RequestContext, now = Date.now()): number | undefined {
  return ctx.deadline === undefined ? undefined : ctx.deadline - now;
}
