import { MsgHdrs, NoRespondersError, RequestError, TimeoutError, headers } from '@nats-io/transport-node';
import { ErrorCode, RpcHeader, isErrorCode } from '@shop/contracts';
import { AppError } from '@shop/common';
import { BrokenCircuitError } from 'cockatiel';

/** The instance a request waited on was lost: its process ended, or NATS has no subscription of it left. */
export class InstanceLostError extends Error {
  override name = 'InstanceLostError';

  constructor(readonly instanceId: string) {
    super(`${instanceId} was lost while the request waited for its answer`);
  }
}

/**
 * Failures that say the *instance* could not serve the request (no responder, timeout, overload,
 * injected fault, internal error) as opposed to business answers. These feed the circuit breakers
 * and make a safe request eligible for a retry on another instance.
 */
export function isTransportFailure(err: unknown): boolean {
  if (err instanceof AppError) {
    return (
      err.code === ErrorCode.Unavailable || err.code === ErrorCode.Timeout || err.code === ErrorCode.Internal
    );
  }
  return (
    err instanceof RequestError ||
    err instanceof TimeoutError ||
    err instanceof NoRespondersError ||
    err instanceof InstanceLostError
  );
}

/** Nobody listens on the subject a request was sent to (NATS answered with "no responders"). */
export function isNoResponders(err: unknown): boolean {
  return err instanceof NoRespondersError || (err instanceof RequestError && err.isNoResponders());
}

/** Converts NATS and breaker errors into AppErrors that name the service and the reason. */
export function toAppError(err: unknown, target: string): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof BrokenCircuitError)
    return AppError.unavailable(`${target} is unavailable (circuit open)`);
  if (isNoResponders(err)) return AppError.unavailable(`${target} has no responder (instance gone)`);
  if (err instanceof InstanceLostError)
    return AppError.unavailable(`${target}: the instance was lost while the request waited`);
  if (err instanceof TimeoutError || (err instanceof RequestError && err.cause instanceof TimeoutError))
    return new AppError(ErrorCode.Timeout, `${target} did not answer in time`);
  return new AppError(ErrorCode.Internal, `${target} failed: ${(err as Error)?.message ?? String(err)}`);
}

/** Writes an error into reply headers: a code and a message, never a stack trace. */
export function errorHeaders(err: AppError, instanceId: string): MsgHdrs {
  const h = headers();
  h.set(RpcHeader.ErrorCode, err.code);
  h.set(RpcHeader.ErrorMessage, encodeURIComponent(err.message));
  if (err.details) h.set(RpcHeader.ErrorDetails, encodeURIComponent(JSON.stringify(err.details)));
  h.set(RpcHeader.Instance, instanceId);
  return h;
}

/** Reads an error from reply headers, if the reply is one. */
export function errorFromHeaders(h: MsgHdrs | undefined): AppError | undefined {
  const code = h?.get(RpcHeader.ErrorCode);
  if (!h || !code) return undefined;
  const message = decodeURIComponent(h.get(RpcHeader.ErrorMessage) || 'Error');
  const rawDetails = h.get(RpcHeader.ErrorDetails);
  const details = rawDetails
    ? (JSON.parse(decodeURIComponent(rawDetails)) as Record<string, unknown>)
    : undefined;
  return new AppError(isErrorCode(code) ? code : ErrorCode.Internal, message, details);
}
