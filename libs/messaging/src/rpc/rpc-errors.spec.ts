import { RequestError, TimeoutError, headers } from '@nats-io/transport-node';
import { ErrorCode, RpcHeader } from '@shop/contracts';
import { AppError } from '@shop/common';
import { BrokenCircuitError } from 'cockatiel';
import { contextFromHeaders, contextToHeaders } from './context-headers';
import { errorFromHeaders, errorHeaders, isTransportFailure, toAppError } from './rpc-errors';

describe('errors on the wire', () => {
  it('round-trips code, message and details through reply headers, and names the instance', () => {
    const original = AppError.conflict('Only 2 left of "Café, 50% off"; try: again\nnow', { available: 2 });
    const h = errorHeaders(original, 'inventory-1');
    expect(h.get(RpcHeader.Instance)).toBe('inventory-1');
    const back = errorFromHeaders(h)!;
    expect(back).toBeInstanceOf(AppError);
    expect(back.code).toBe(ErrorCode.Conflict);
    expect(back.message).toBe(original.message);
    expect(back.details).toEqual({ available: 2 });
  });

  it('never puts a stack trace on the wire', () => {
    const h = errorHeaders(new AppError('INTERNAL', 'boom'), 'x');
    const all = [...h.keys()].map((k) => `${k}: ${h.get(k)}`).join('\n');
    expect(all).not.toMatch(/at .*\.ts|Error:/);
  });

  it('reads a reply without an error code as no error, and an unknown code as INTERNAL', () => {
    expect(errorFromHeaders(undefined)).toBeUndefined();
    expect(errorFromHeaders(headers())).toBeUndefined();
    const h = headers();
    h.set(RpcHeader.ErrorCode, 'MADE_UP');
    h.set(RpcHeader.ErrorMessage, 'odd');
    expect(errorFromHeaders(h)).toMatchObject({ code: 'INTERNAL', message: 'odd' });
  });

  it('classifies transport failures (retried elsewhere, counted by breakers) apart from business errors', () => {
    expect(isTransportFailure(AppError.unavailable('x'))).toBe(true);
    expect(isTransportFailure(new AppError('TIMEOUT', 'x'))).toBe(true);
    expect(isTransportFailure(new AppError('INTERNAL', 'x'))).toBe(true);
    expect(isTransportFailure(AppError.notFound('x'))).toBe(false);
    expect(isTransportFailure(new AppError('OUT_OF_STOCK', 'x'))).toBe(false);
    expect(isTransportFailure(new TimeoutError())).toBe(true);
  });

  it('turns NATS and breaker errors into AppErrors that name the target', () => {
    expect(toAppError(new BrokenCircuitError(), 'inventory.echo on i-1')).toMatchObject({
      code: 'UNAVAILABLE',
      message: 'inventory.echo on i-1 is unavailable (circuit open)',
    });
    expect(toAppError(new TimeoutError(), 'inventory.echo on i-1')).toMatchObject({ code: 'TIMEOUT' });
    expect(toAppError(new RequestError('x', { cause: new TimeoutError() }), 't')).toMatchObject({
      code: 'TIMEOUT',
    });
    expect(toAppError(new Error('kaput'), 't')).toMatchObject({
      code: 'INTERNAL',
      message: 't failed: kaput',
    });
    const own = AppError.notFound('gone');
    expect(toAppError(own, 't')).toBe(own);
  });
});

describe('request context in headers', () => {
  it('round-trips correlation id, caller, deadline and idempotency key', () => {
    const ctx = {
      correlationId: 'corr-1',
      caller: { userId: 'u1', email: 'zoë@example.com', role: 'admin' as const, service: 'gateway' },
      idempotencyKey: 'key with spaces/ü',
    };
    expect(contextFromHeaders(contextToHeaders(ctx, 1_700_000_000_000))).toEqual({
      ...ctx,
      deadline: 1_700_000_000_000,
    });
  });

  it('refuses a header value with a line break rather than corrupting the block', () => {
    expect(() => contextToHeaders({ correlationId: 'a\r\nx-caller: forged' }, 1)).toThrow(/cannot contain/);
  });

  it('creates a correlation id when the message has none', () => {
    const back = contextFromHeaders(undefined);
    expect(back.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(back.deadline).toBeUndefined();
  });
});
