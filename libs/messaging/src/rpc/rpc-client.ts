import { NatsConnection } from '@nats-io/transport-node';
import { RpcHeader, RpcMethod, Subjects } from '@shop/contracts';
import { AppError, RequestContext } from '@shop/common';
import { LoadBalancer } from '../balancer/load-balancer';
import { decodeJson, encodeJson } from '../codec';
import { MessagingOptions } from '../messaging.options';
import { ServiceRegistry } from '../registry/service-registry';
import { contextToHeaders } from './context-headers';
import { ReplyInbox } from './reply-inbox';
import { errorFromHeaders, isTransportFailure, toAppError } from './rpc-errors';

export interface CallOptions {
  /** Per-attempt timeout; defaults to the method's, then to RPC_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Send to this instance only (no balancing, no retry). */
  instanceId?: string;
}

export interface CallResult<Res> {
  value: Res;
  /** The instance that answered. */
  instanceId: string;
  attempts: number;
}

/**
 * Sends requests to the instance the balancer chooses, through that instance's circuit breaker, with a
 * timeout on every attempt. A safe request (a read, or a write with an idempotency key) that fails for a
 * transport reason is retried once on another instance.
 */
export class RpcClient {
  private readonly inbox: ReplyInbox;
  /** Instance-addressed subjects per method and instance: built (and checked) once, not per request. */
  private readonly subjects = new Map<RpcMethod<unknown, unknown>, Map<string, string>>();

  constructor(
    nc: NatsConnection,
    private readonly options: MessagingOptions,
    private readonly registry: ServiceRegistry,
    readonly balancer: LoadBalancer,
  ) {
    this.inbox = new ReplyInbox(nc);
  }

  async call<Req, Res>(
    method: RpcMethod<Req, Res>,
    request: Req,
    ctx: RequestContext,
    opts: CallOptions = {},
  ) {
    return (await this.callDetailed(method, request, ctx, opts)).value;
  }

  /**
   * The answer as the JSON bytes the instance sent, for callers that only relay it (the gateway's read
   * routes): no decoding here and no re-encoding there.
   */
  async callRaw<Req>(
    method: RpcMethod<Req, unknown>,
    request: Req,
    ctx: RequestContext,
    opts: CallOptions = {},
  ): Promise<Uint8Array> {
    return (await this.attempts(method, request, ctx, opts, (data) => data)).value;
  }

  callDetailed<Req, Res>(
    method: RpcMethod<Req, Res>,
    request: Req,
    ctx: RequestContext,
    opts: CallOptions = {},
  ): Promise<CallResult<Res>> {
    return this.attempts(method, request, ctx, opts, (data) => decodeJson<Res>(data));
  }

  private async attempts<Req, Out>(
    method: RpcMethod<Req, unknown>,
    request: Req,
    ctx: RequestContext,
    opts: CallOptions,
    decode: (data: Uint8Array) => Out,
  ): Promise<CallResult<Out>> {
    const target = `${method.service}.${method.action}`;
    const attemptMs = opts.timeoutMs ?? method.timeoutMs ?? this.options.requestTimeoutMs;
    const safe = method.kind === 'read' || !!ctx.idempotencyKey;
    const maxAttempts = safe && !opts.instanceId ? 2 : 1;
    const deadline = ctx.deadline ?? Date.now() + attemptMs * maxAttempts;
    const payload = encodeJson(request);
    let tried: Set<string> | undefined;
    let lastError: AppError | undefined;

    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      const timeout = Math.min(attemptMs, remaining);
      const instanceId = opts.instanceId ?? this.balancer.choose(method.service, tried);
      if (!instanceId) {
        // Before the first heartbeat of a service arrives, let NATS pick any member of its queue group.
        if (attempt === 1 && !this.registry.hasHeardFrom(method.service)) {
          try {
            const value = decode(await this.send(method, payload, ctx, deadline, timeout));
            return { value, instanceId: '?', attempts: 1 };
          } catch (err) {
            throw toAppError(err, target);
          }
        }
        lastError ??= AppError.unavailable(`No healthy instance of ${method.service} is available`);
        break;
      }
      (tried ??= new Set()).add(instanceId);
      this.balancer.acquire(instanceId);
      try {
        const data = await this.balancer.breakers.execute(instanceId, () =>
          this.send(method, payload, ctx, deadline, timeout, instanceId),
        );
        return { value: decode(data), instanceId, attempts: attempt };
      } catch (err) {
        const appError = toAppError(err, `${target} on ${instanceId}`);
        if (!isTransportFailure(appError)) throw appError;
        lastError = appError;
      } finally {
        this.balancer.release(instanceId);
      }
    }
    throw lastError ?? AppError.unavailable(`${target}: deadline exceeded before a request could be sent`);
  }

  /** One attempt; resolves to the reply's JSON bytes. */
  private async send(
    method: RpcMethod<unknown, unknown>,
    payload: Uint8Array,
    ctx: RequestContext,
    deadline: number,
    timeout: number,
    instanceId?: string,
  ): Promise<Uint8Array> {
    const subject = instanceId
      ? this.instanceSubject(method, instanceId)
      : Subjects.rpc(this.options.prefix, method.service, method.action);
    const reply = await this.inbox.request(subject, payload, contextToHeaders(ctx, deadline), timeout);
    const error = errorFromHeaders(reply.headers);
    if (error) throw error;
    return reply.data;
  }

  private instanceSubject(method: RpcMethod<unknown, unknown>, instanceId: string): string {
    let byInstance = this.subjects.get(method);
    if (!byInstance) this.subjects.set(method, (byInstance = new Map()));
    let subject = byInstance.get(instanceId);
    if (subject === undefined) {
      subject = Subjects.instance(this.options.prefix, instanceId, method.service, method.action);
      byInstance.set(instanceId, subject);
    }
    return subject;
  }

  /** Which instance answered, read from a reply (for tests and diagnostics). */
  static instanceHeader = RpcHeader.Instance;
}
