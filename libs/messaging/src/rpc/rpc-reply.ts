/** What an `@RpcHandler` method returns: the reply, or a promise of it. */
export type RpcReply<T> = Promise<T> | T;
