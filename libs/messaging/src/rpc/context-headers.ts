import { MsgHdrs, MsgHdrsImpl } from '@nats-io/transport-node';
import { RpcHeader } from '@shop/contracts';
import { Caller, RequestContext, newCorrelationId } from '@shop/common';

const encoder = new TextEncoder();
const LINE_BREAK = /[\r\n]/;

/**
 * A NATS header block encoded once, in the form nats.js writes it (`NATS/1.0\r\nname: value\r\n…\r\n\r\n`).
 * Publishing only asks headers for their bytes (`encode()`); building them with nats.js's `headers()` and
 * `set()` checked every name and value and then serialized its map again, on every request. For sending
 * only: the block is not parsed back, so `get()` sees nothing.
 */
export class EncodedHeaders extends MsgHdrsImpl {
  private readonly bytes: Uint8Array;

  constructor(fields: ReadonlyArray<readonly [name: string, value: string]>) {
    super();
    let block = 'NATS/1.0\r\n';
    for (const [name, value] of fields) {
      if (LINE_BREAK.test(value)) throw new Error(`NATS header ${name} cannot contain a line break`);
      block += `${name}: ${value}\r\n`;
    }
    this.bytes = encoder.encode(`${block}\r\n`);
  }

  override encode(): Uint8Array {
    return this.bytes;
  }
}

/**
 * The caller as a header value. The last one is kept by identity: callers that reuse one object (the
 * gateway's anonymous caller, a service's own) are encoded once.
 */
let lastCaller: Caller | undefined;
let lastEncoded = '';

function encodeCaller(caller: Caller): string {
  if (caller !== lastCaller) {
    lastEncoded = encodeURIComponent(JSON.stringify(caller));
    lastCaller = caller;
  }
  return lastEncoded;
}

export function contextToHeaders(ctx: RequestContext, deadline: number): EncodedHeaders {
  const fields: [string, string][] = [
    [RpcHeader.CorrelationId, ctx.correlationId],
    [RpcHeader.Deadline, String(deadline)],
  ];
  if (ctx.caller) fields.push([RpcHeader.Caller, encodeCaller(ctx.caller)]);
  if (ctx.idempotencyKey) fields.push([RpcHeader.IdempotencyKey, encodeURIComponent(ctx.idempotencyKey)]);
  return new EncodedHeaders(fields);
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
