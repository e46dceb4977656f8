import { NatsConnection } from '@nats-io/transport-node';
import { RpcHeader, RpcMethod, Subjects } from '@shop/contracts';
import { AppError, RequestContext } from '@shop/common';
import { LoadBalancer } from '../balancer/load-balancer';
import { decodeJson, encodeJson } from '../codec';
import { MessagingOptions } from '../messaging.options';
import { InstanceMetrics } from '../metrics/instance-metrics';
import { InstanceStats } from '../registry/instance-stats';
import { ServiceRegistry } from '../registry/service-registry';
import { contextToHeaders } from './context-headers';
import { HedgePolicy } from './hedge-policy';
import { ReplyInbox } from './reply-inbox';
import {
  InstanceLostError,
  errorFromHeaders,
  isNoResponders,
  isTransportFailure,
  toAppError,
} from './rpc-errors';
import { NatsSendBatch } from '../nats-send-batch';

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
  /** Copies of the request sent (a retry or a hedge makes two). */
  attempts: number;
}

/** How one copy of a request ended; never a rejection, so that copies can race. */
type Outcome =
  { instanceId: string; data: Uint8Array } | { instanceId: string; error: AppError; lost: boolean };

const HEDGE = Symbol('hedge');

/**
 * Sends requests to the instance the balancer chooses, through that instance's circuit breaker, with a
 * timeout on every attempt. A safe request (a read, or a write with an idempotency key) is sent to a second
 * instance when the first fails for a transport reason, at once when the first instance is lost while the
 * request waits on it (the registry's `onLost`), and, for a read, when the first is slower than its method's
 * hedge delay (`HedgePolicy`); the first answer wins, and a request is never sent more than twice. A write
 * without an idempotency key is sent once.
 */
export class RpcClient {
  private readonly inbox: ReplyInbox;
  private readonly hedging: HedgePolicy;

  constructor(
    nc: NatsConnection,
    private readonly options: MessagingOptions,
    private readonly registry: ServiceRegistry,
    readonly balancer: LoadBalancer,
    private readonly stats: InstanceStats,
    private readonly metrics?: InstanceMetrics,
    sends = new NatsSendBatch(options.sendBatching),
  ) {
    this.inbox = new ReplyInbox(nc, sends);
    this.hedging = new HedgePolicy({
      share: options.hedgePercent / 100,
      minDelayMs: options.hedgeMinMs,
      maxDelayMs: options.hedgeMaxMs,
    });
    registry.onLost((instanceId) => this.inbox.failWaitingOn(instanceId, new InstanceLostError(instanceId)));
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

  /** Every copy of one request, timed for the latency histogram (by method and outcome). */
  private async attempts<Req, Out>(
    method: RpcMethod<Req, unknown>,
    request: Req,
    ctx: RequestContext,
    opts: CallOptions,
    decode: (data: Uint8Array) => Out,
  ): Promise<CallResult<Out>> {
    if (!this.metrics) return this.copies(method, request, ctx, opts, decode);
    const started = performance.now();
    const target = `${method.service}.${method.action}`;
    try {
      const result = await this.copies(method, request, ctx, opts, decode);
      this.metrics.observeSent(target, 'ok', (performance.now() - started) / 1000);
      return result;
    } catch (err) {
      const code = err instanceof AppError ? err.code : 'INTERNAL';
      this.metrics.observeSent(target, code, (performance.now() - started) / 1000);
      throw err;
    }
  }

  private async copies<Req, Out>(
    method: RpcMethod<Req, unknown>,
    request: Req,
    ctx: RequestContext,
    opts: CallOptions,
    decode: (data: Uint8Array) => Out,
  ): Promise<CallResult<Out>> {
    const target = `${method.service}.${method.action}`;
    const attemptMs = opts.timeoutMs ?? method.timeoutMs ?? this.options.requestTimeoutMs;
    const resendable = (method.kind === 'read' || !!ctx.idempotencyKey) && !opts.instanceId;
    const maxCopies = resendable ? 2 : 1;
    const deadline = ctx.deadline ?? Date.now() + attemptMs * maxCopies;
    const payload = encodeJson(request);
    const tried = new Set<string>();
    const copies = new Map<string, Promise<Outcome>>();

    /** Sends one more copy to an instance not tried yet; false when none can be sent. */
    const sendCopy = (): boolean => {
      const remaining = deadline - Date.now();
      if (remaining <= 0 || tried.size >= maxCopies) return false;
      const instanceId = opts.instanceId ?? this.balancer.choose(method.service, tried);
      if (!instanceId) return false;
      tried.add(instanceId);
      const timeout = Math.min(attemptMs, remaining);
      copies.set(instanceId, this.copy(method, payload, ctx, deadline, timeout, instanceId, resendable));
      return true;
    };

    if (!sendCopy()) {
      const remaining = deadline - Date.now();
      if (remaining <= 0)
        throw AppError.unavailable(`${target}: deadline exceeded before a request could be sent`);
      if (this.registry.hasHeardFrom(method.service))
        throw AppError.unavailable(`No healthy instance of ${method.service} is available`);
      // Before the first heartbeat of a service arrives, let NATS pick any member of its queue group.
      try {
        const data = await this.send(method, payload, ctx, deadline, Math.min(attemptMs, remaining));
        return { value: decode(data), instanceId: '?', attempts: 1 };
      } catch (err) {
        throw toAppError(err, target);
      }
    }
    // A read may get a second copy when its service has another instance to take it.
    const hedgeable =
      method.kind === 'read' && resendable && this.registry.members(method.service).length > 1;
    let hedgeAfter = hedgeable ? this.hedging.delayFor(method) : undefined;
    let lastError: AppError | undefined;
    while (copies.size > 0) {
      const outcome = await (hedgeAfter === undefined
        ? Promise.race(copies.values())
        : firstOrAfter(copies.values(), hedgeAfter));
      hedgeAfter = undefined;
      if (outcome === HEDGE) {
        if (this.hedging.take() && sendCopy()) this.stats.hedged++;
        continue;
      }
      copies.delete(outcome.instanceId);
      if ('data' in outcome)
        return { value: decode(outcome.data), instanceId: outcome.instanceId, attempts: tried.size };
      if (!isTransportFailure(outcome.error)) throw outcome.error;
      lastError = outcome.error;
      if (copies.size === 0 && sendCopy() && outcome.lost) this.stats.resent++;
    }
    throw lastError!;
  }

  /** One copy of a request, sent to one instance through its breaker. */
  private async copy(
    method: RpcMethod<unknown, unknown>,
    payload: Uint8Array,
    ctx: RequestContext,
    deadline: number,
    timeout: number,
    instanceId: string,
    resendable: boolean,
  ): Promise<Outcome> {
    const bootId = this.registry.get(instanceId)?.heartbeat.bootId;
    const sentAt = performance.now();
    this.balancer.acquire(instanceId);
    try {
      const data = await this.balancer.breakers.execute(instanceId, () =>
        this.send(method, payload, ctx, deadline, timeout, instanceId, resendable),
      );
      if (method.kind === 'read') this.hedging.observe(method, performance.now() - sentAt);
      return { instanceId, data };
    } catch (err) {
      // Nobody listens on the instance's subject: whatever else waits on it will not be answered either.
      if (isNoResponders(err) && bootId) this.registry.markUnreachable(instanceId, bootId);
      const error = toAppError(err, `${method.service}.${method.action} on ${instanceId}`);
      return { instanceId, error, lost: err instanceof InstanceLostError };
    } finally {
      this.balancer.release(instanceId);
    }
  }

  /** Sends once (to the instance, or to the service's queue group); resolves to the reply's JSON bytes. */
  private async send(
    method: RpcMethod<unknown, unknown>,
    payload: Uint8Array,
    ctx: RequestContext,
    deadline: number,
    timeout: number,
    instanceId?: string,
    resendable = false,
  ): Promise<Uint8Array> {
    const subject = instanceId
      ? Subjects.instance(this.options.prefix, instanceId, method.service, method.action)
      : Subjects.rpc(this.options.prefix, method.service, method.action);
    const headers = contextToHeaders(ctx, deadline);
    const waitsOn = resendable ? instanceId : undefined;
    const reply = await this.inbox.request(subject, payload, headers, timeout, waitsOn);
    const error = errorFromHeaders(reply.headers);
    if (error) throw error;
    return reply.data;
  }

  /** Which instance answered, read from a reply (for tests and diagnostics). */
  static instanceHeader = RpcHeader.Instance;
}

/** The first of `copies` to end, or HEDGE when none has after `ms`. */
function firstOrAfter(copies: Iterable<Promise<Outcome>>, ms: number): Promise<Outcome | typeof HEDGE> {
  let timer: NodeJS.Timeout | undefined;
  const hedge = new Promise<typeof HEDGE>((resolve) => (timer = setTimeout(resolve, ms, HEDGE)));
  return Promise.race([...copies, hedge]).finally(() => clearTimeout(timer));
}
