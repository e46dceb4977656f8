import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  ScaleCommand,
  ScaleRefusal,
  ScaleResult,
  Subjects,
  SupervisorReply,
  SupervisorStatus,
} from '@shop/contracts';
import { AppError, RequestContext, remainingMs } from '@shop/common';
import { MessagingRuntime, decodeJson, encodeJson, isNoResponders } from '@shop/messaging';

/** Refusals of the supervisor as the errors the admin API answers. */
const REFUSAL_CODE: Record<ScaleRefusal, ErrorCode> = {
  'unknown-service': ErrorCode.NotFound,
  'not-scalable': ErrorCode.BadRequest,
  'below-minimum': ErrorCode.BadRequest,
  'above-maximum': ErrorCode.BadRequest,
  'bad-command': ErrorCode.BadRequest,
};

/**
 * Sends commands to the local supervisor over NATS request/reply (`Subjects.supervisor`). When no supervisor
 * answers on the cluster's prefix, the cluster is not run by `npm start` and nothing here can scale it.
 */
@Injectable()
export class SupervisorClient {
  constructor(private readonly runtime: MessagingRuntime) {}

  status(ctx: RequestContext): Promise<SupervisorStatus> {
    return this.request<SupervisorStatus>('status', {}, ctx);
  }

  scale(ctx: RequestContext, cmd: ScaleCommand): Promise<ScaleResult> {
    return this.request<ScaleResult>('scale', cmd, ctx);
  }

  private async request<T>(action: string, body: unknown, ctx: RequestContext): Promise<T> {
    const timeout = Math.max(100, (remainingMs(ctx) ?? 10_000) - 100);
    let reply: SupervisorReply<T>;
    try {
      const msg = await this.runtime.nc.request(
        Subjects.supervisor(this.runtime.options.prefix, action),
        encodeJson(body),
        { timeout },
      );
      reply = decodeJson<SupervisorReply<T>>(msg.data);
    } catch (err) {
      if (isNoResponders(err))
        throw new AppError(
          ErrorCode.Conflict,
          'This cluster is not run by the local supervisor (npm start), so it cannot be scaled from here; ' +
            'scale it with the platform that runs it',
          { supervised: false },
        );
      throw new AppError(
        ErrorCode.Timeout,
        `The supervisor did not answer within ${timeout} ms (a stopping instance may still be exiting)`,
        { retryAfterSeconds: 2 },
      );
    }
    if (!reply.ok)
      throw new AppError(REFUSAL_CODE[reply.refusal] ?? ErrorCode.BadRequest, reply.message, {
        refusal: reply.refusal,
      });
    return reply.result;
  }
}
