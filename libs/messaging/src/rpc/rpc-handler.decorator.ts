import { SetMetadata } from '@nestjs/common';
import { BroadcastDef, RpcMethod } from '@shop/contracts';
import { RequestContext } from '@shop/common';

export const RPC_HANDLER = Symbol('RPC_HANDLER');
export const BROADCAST_HANDLER = Symbol('BROADCAST_HANDLER');

type Handler<Req, Res> = (request: Req, ctx: RequestContext) => Promise<Res> | Res;

/**
 * Marks a provider method as the handler of a contract method. The handler receives the decoded request
 * and the request context; whatever it returns is the reply, and an AppError it throws becomes an error reply.
 */
export function RpcHandler<Req, Res>(method: RpcMethod<Req, Res>) {
  // Generic over the handler's own type so `async` handlers declared as `Promise<Res>` type-check too.
  return <F extends Handler<Req, Res>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<F>,
  ) => {
    SetMetadata(RPC_HANDLER, method)(target, key, descriptor);
  };
}

/** Marks a provider method as a listener of a broadcast every instance hears. */
export function OnBroadcast<P>(def: BroadcastDef<P>) {
  return <F extends (payload: P, ctx: RequestContext) => Promise<void> | void>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<F>,
  ) => {
    SetMetadata(BROADCAST_HANDLER, def)(target, key, descriptor);
  };
}
