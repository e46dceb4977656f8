import { assertSubjectToken } from './subjects';
import type { ServiceName } from './services';

/**
 * `read` calls have no side effects and may be retried on another instance after a transport failure;
 * `write` calls are retried only when the caller supplies an idempotency key.
 */
export type RpcKind = 'read' | 'write';

/** A typed request/reply method. `Req`/`Res` are phantom types that carry the payload shapes. */
export interface RpcMethod<Req, Res> {
  readonly service: ServiceName;
  readonly action: string;
  readonly kind: RpcKind;
  /** Per-method default timeout in ms (the caller may shorten it; a deadline always wins). */
  readonly timeoutMs?: number;
  readonly __types?: { req: Req; res: Res };
}

export type RpcRequestOf<M> = M extends RpcMethod<infer Req, unknown> ? Req : never;
export type RpcResponseOf<M> = M extends RpcMethod<unknown, infer Res> ? Res : never;

interface MethodSpec<Req, Res> {
  readonly kind: RpcKind;
  readonly timeoutMs?: number;
  readonly __types?: { req: Req; res: Res };
}

/** Declares one method of a service contract. */
export function rpc<Req, Res>(kind: RpcKind, timeoutMs?: number): MethodSpec<Req, Res> {
  return { kind, timeoutMs };
}

type Contract<S extends ServiceName, M> = {
  readonly [K in keyof M]: M[K] extends MethodSpec<infer Req, infer Res>
    ? RpcMethod<Req, Res> & { service: S }
    : never;
};

/** Binds method specs to a service: `defineService('inventory', { getProduct: rpc<Req, Res>('read') })`. */
export function defineService<S extends ServiceName, M extends Record<string, MethodSpec<unknown, unknown>>>(
  service: S,
  methods: M,
): Contract<S, M> {
  const out: Record<string, RpcMethod<unknown, unknown>> = {};
  for (const [action, spec] of Object.entries(methods)) {
    out[action] = {
      service,
      action: assertSubjectToken(action, 'action'),
      kind: spec.kind,
      timeoutMs: spec.timeoutMs,
    };
  }
  return out as Contract<S, M>;
}

/** A fan-out message every instance hears (not durable): cache invalidation, session revocation. */
export interface BroadcastDef<P> {
  readonly name: string;
  readonly __payload?: P;
}
export function broadcast<P>(name: string): BroadcastDef<P> {
  return { name: assertSubjectToken(name, 'broadcast name') };
}

/** A durable domain event (JetStream), named in the past tense. */
export interface EventDef<P> {
  readonly type: string;
  readonly __payload?: P;
}
export function eventType<P>(type: string): EventDef<P> {
  return { type: assertSubjectToken(type, 'event type') };
}

/** Standard NATS headers the transport sets. */
export const RpcHeader = {
  CorrelationId: 'x-correlation-id',
  Caller: 'x-caller',
  Deadline: 'x-deadline',
  IdempotencyKey: 'idempotency-key',
  ErrorCode: 'x-error-code',
  ErrorMessage: 'x-error-message',
  ErrorDetails: 'x-error-details',
  Instance: 'x-instance',
} as const;
