import { MsgHdrs, headers } from '@nats-io/transport-node';
import { RpcHeader } from '@shop/contracts';
import { Caller, RequestContext, newCorrelationId } from '@shop/common';

/** The request context as NATS headers (nats.js refuses a value with a line break). */
export function contextToHeaders(ctx: RequestContext, deadline: number): MsgHdrs {
  const h = headers();
  h.set(RpcHeader.CorrelationId, ctx.correlationId);
  h.set(RpcHeader.Deadline, String(deadline));
  if (ctx.caller) h.set(RpcHeader.Caller, encodeURIComponent(JSON.stringify(ctx.caller)));
  if (ctx.idempotencyKey) h.set(RpcHeader.IdempotencyKey, encodeURIComponent(ctx.idempotencyKey));
  return h;
}

export function contextFromHeaders(h: MsgHdrs | undefined): RequestContext {
  const correlationId = h?.get(RpcHeader.CorrelationId) || newCorrelationId();
  const deadlineRaw = h?.get(RpcHeader.Deadline);
  const callerRaw = h?.get(RpcHeader.Caller);
  const keyRaw = h?.get(RpcHeader.IdempotencyKey);
  return {
    correlationId,
    deadline: deadlineRaw ? Number(deadlineRaw) : undefined,
    caller: callerRaw ? (JSON.parse(decodeURIComponent(callerRaw)) as Caller) : undefined,
    idempotencyKey: keyRaw ? decodeURIComponent(keyRaw) : undefined,
  };
}
