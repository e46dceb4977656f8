import { NatsConnection, Subscription } from '@nats-io/transport-node';
import { BroadcastDef, Subjects } from '@shop/contracts';
import { AppLogger, RequestContext } from '@shop/common';
import { decodeJson, encodeJson } from './codec';
import { contextFromHeaders, contextToHeaders } from './rpc/context-headers';

/**
 * Fan-out messages that every subscribed instance receives (no queue group, not durable):
 * cache invalidations and session revocations, where a missed message is covered by a TTL.
 */
export class BroadcastBus {
  private readonly subs: Subscription[] = [];

  constructor(
    private readonly nc: NatsConnection,
    private readonly prefix: string,
    private readonly logger: AppLogger,
  ) {}

  publish<P>(def: BroadcastDef<P>, payload: P, ctx: RequestContext): void {
    this.nc.publish(Subjects.broadcast(this.prefix, def.name), encodeJson(payload), {
      headers: contextToHeaders(ctx, Date.now() + 60_000),
    });
  }

  subscribe<P>(def: BroadcastDef<P>, handler: (payload: P, ctx: RequestContext) => unknown): void {
    this.subs.push(
      this.nc.subscribe(Subjects.broadcast(this.prefix, def.name), {
        callback: (err, msg) => {
          if (err) return;
          const ctx = contextFromHeaders(msg.headers);
          Promise.resolve()
            .then(() => handler(decodeJson<P>(msg.data), ctx))
            .catch((e: Error) =>
              this.logger.write('error', `Broadcast ${def.name} handler failed: ${e.message}`, {
                correlationId: ctx.correlationId,
              }),
            );
        },
      }),
    );
  }

  stop(): void {
    for (const s of this.subs) s.unsubscribe();
  }
}
