import { Msg, MsgHdrs, NatsConnection, Subscription, headers } from '@nats-io/transport-node';
import { RpcHeader, RpcMethod, Subjects } from '@shop/contracts';
import { AppError, AppLogger, RequestContext, transientFailure } from '@shop/common';
import { decodeJson, encodeJson } from '../codec';
import { MessagingOptions } from '../messaging.options';
import { InstanceMetrics } from '../metrics/instance-metrics';
import { InstanceStats } from '../registry/instance-stats';
import { contextFromHeaders } from './context-headers';
import { FaultInjector, NO_FAULT } from './fault-injector';
import { errorHeaders } from './rpc-errors';
import { NatsSendBatch } from '../nats-send-batch';

export type BoundHandler = (request: unknown, ctx: RequestContext) => unknown;

/**
 * Serves this instance's handlers on two subscriptions: the service's queue group (any instance may answer)
 * and the instance-addressed subjects (only this instance answers). Counts in-flight requests and latency
 * for the heartbeat, applies injected faults, and answers errors as a code and a message.
 */
export class RpcServer {
  private readonly handlers = new Map<string, BoundHandler>();
  private readonly subs: Subscription[] = [];
  /** Every successful answer carries the same header: the instance that answered. */
  private readonly answerHeaders: MsgHdrs = headers();

  constructor(
    private readonly nc: NatsConnection,
    private readonly options: MessagingOptions,
    private readonly stats: InstanceStats,
    private readonly faults: FaultInjector,
    private readonly logger: AppLogger,
    private readonly metrics?: InstanceMetrics,
    private readonly sends = new NatsSendBatch(options.sendBatching),
  ) {
    this.answerHeaders.set(RpcHeader.Instance, options.instanceId);
  }

  register(method: RpcMethod<unknown, unknown>, handler: BoundHandler): void {
    if (method.service !== this.options.service) {
      throw new Error(`${this.options.service} cannot serve ${method.service}.${method.action}`);
    }
    if (this.handlers.has(method.action))
      throw new Error(`Duplicate handler for ${method.service}.${method.action}`);
    this.handlers.set(method.action, handler);
  }

  listen(): void {
    const { prefix, service, instanceId } = this.options;
    const callback = (err: Error | null, msg: Msg) => {
      if (!err) void this.handle(msg);
    };
    this.subs.push(this.nc.subscribe(Subjects.rpcAll(prefix, service), { queue: service, callback }));
    this.subs.push(this.nc.subscribe(Subjects.instanceAll(prefix, instanceId, service), { callback }));
  }

  actions(): string[] {
    return [...this.handlers.keys()];
  }

  private async handle(msg: Msg): Promise<void> {
    const action = msg.subject.slice(msg.subject.lastIndexOf('.') + 1);
    const ctx = contextFromHeaders(msg.headers);
    const started = this.stats.begin();
    let ok = true;
    /** `ok`, the error code answered, or why no answer was sent. */
    let outcome = 'ok';
    try {
      const handler = this.handlers.get(action);
      if (!handler) throw AppError.notFound(`${this.options.service} has no method "${action}"`);
      const fault = this.faults.active ? await this.faults.beforeHandle() : NO_FAULT;
      if (fault.kind === 'hang') {
        ok = false;
        outcome = 'HANG';
        return; // never answer: the caller times out
      }
      if (fault.kind === 'error') throw fault.error;
      if (ctx.deadline !== undefined && Date.now() > ctx.deadline) {
        ok = false;
        outcome = 'DEADLINE_PASSED';
        return; // the caller has given up; an answer would be wasted
      }
      const result = await handler(decodeJson(msg.data), ctx);
      this.respond(msg, encodeJson(result), this.answerHeaders);
    } catch (err) {
      const appError = err instanceof AppError ? err : this.internal(err, action, ctx);
      ok = !['UNAVAILABLE', 'INTERNAL', 'TIMEOUT'].includes(appError.code);
      outcome = appError.code;
      this.respond(msg, encodeJson(undefined), errorHeaders(appError, this.options.instanceId));
    } finally {
      this.stats.end(started, ok);
      // Unknown actions share one label, so a caller cannot grow the metric's series without bound.
      const method = this.handlers.has(action) ? action : '(unknown)';
      const seconds = (performance.now() - started) / 1000;
      this.metrics?.observeServed(`${this.options.service}.${method}`, outcome, seconds);
      if (this.logger.enabled('debug')) this.logServed(method, outcome, seconds, ctx);
    }
  }

  /** At debug, every request served is a line under its correlation id, so one request reads across services. */
  private logServed(method: string, outcome: string, seconds: number, ctx: RequestContext): void {
    const ms = Math.round(seconds * 10_000) / 10;
    this.logger.write('debug', `${this.options.service}.${method} ${outcome} ${ms}ms`, {
      correlationId: ctx.correlationId,
      context: 'RpcServer',
      data: { caller: ctx.caller?.service, outcome, ms },
    });
  }

  /** Sends the answer with the other sends of this loop turn; a closed connection loses it (the caller times out). */
  private respond(msg: Msg, data: Uint8Array, headers: MsgHdrs): void {
    this.sends.send(() => msg.respond(data, { headers })).catch(() => undefined);
  }

  private internal(err: unknown, action: string, ctx: RequestContext): AppError {
    const error = err as Error;
    const transient = transientFailure(err);
    if (transient) {
      this.logger.write('warn', `${this.options.service}.${action}: ${error?.message}`, {
        correlationId: ctx.correlationId,
        context: 'RpcServer',
      });
      return transient;
    }
    this.logger.write('error', `Unhandled error in ${this.options.service}.${action}: ${error?.message}`, {
      correlationId: ctx.correlationId,
      context: 'RpcServer',
      data: { stack: error?.stack },
    });
    return new AppError('INTERNAL', `Internal error in ${this.options.service}.${action}`);
  }

  /** Stops taking new requests; in-flight handlers finish (the connection drain waits for them). */
  stop(): void {
    for (const sub of this.subs) sub.unsubscribe();
    this.subs.length = 0;
  }
}
