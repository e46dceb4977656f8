import { Injectable } from '@nestjs/common';
import {
  ChaosRunState,
  ChaosStartCommand,
  ChaosStatus,
  ErrorCode,
  ScaleCommand,
  ScaleResult,
  Subjects,
  SupervisorAction,
  SupervisorRefusal,
  SupervisorReply,
  SupervisorStatus,
} from '@shop/contracts';
import { AppError, RequestContext, remainingMs } from '@shop/common';
import { MessagingRuntime, decodeJson, encodeJson, isNoResponders } from '@shop/messaging';

/** Refusals of the supervisor as the errors the admin API answers. */
const REFUSAL_CODE: Record<SupervisorRefusal, ErrorCode> = {
  'unknown-service': ErrorCode.NotFound,
  'not-scalable': ErrorCode.BadRequest,
  'below-minimum': ErrorCode.BadRequest,
  'above-maximum': ErrorCode.BadRequest,
  'bad-command': ErrorCode.BadRequest,
  'chaos-running': ErrorCode.Conflict,
  'no-chaos-run': ErrorCode.Conflict,
};

const NOT_SUPERVISED = 'This cluster is not run by the local supervisor (npm start), so ';
const CANNOT_SCALE = `${NOT_SUPERVISED}it cannot be scaled from here; scale it with the platform that runs it`;
const CANNOT_CHAOS =
  `${NOT_SUPERVISED}chaos mode is not available: it needs the local supervisor, which runs (and kills) ` +
  'the instances';

/**
 * Sends commands to the local supervisor over NATS request/reply (`Subjects.supervisor`). When no supervisor
 * answers on the cluster's prefix, the cluster is not run by `npm start` and nothing here can scale it or
 * run chaos on it.
 */
@Injectable()
export class SupervisorClient {
  constructor(private readonly runtime: MessagingRuntime) {}

  status(ctx: RequestContext): Promise<SupervisorStatus> {
    return this.request<SupervisorStatus>(SupervisorAction.Status, {}, ctx, CANNOT_SCALE);
  }

  scale(ctx: RequestContext, cmd: ScaleCommand): Promise<ScaleResult> {
    return this.request<ScaleResult>(SupervisorAction.Scale, cmd, ctx, CANNOT_SCALE);
  }

  chaosStart(ctx: RequestContext, cmd: ChaosStartCommand): Promise<ChaosRunState> {
    return this.request<ChaosRunState>(SupervisorAction.ChaosStart, cmd, ctx, CANNOT_CHAOS);
  }

  chaosStop(ctx: RequestContext, by: string): Promise<ChaosRunState> {
    return this.request<ChaosRunState>(SupervisorAction.ChaosStop, { by }, ctx, CANNOT_CHAOS);
  }

  chaosStatus(ctx: RequestContext): Promise<ChaosStatus> {
    return this.request<ChaosStatus>(SupervisorAction.ChaosStatus, {}, ctx, CANNOT_CHAOS);
  }

  private async request<T>(
    action: SupervisorAction,
    body: unknown,
    ctx: RequestContext,
    unsupervised: string,
  ): Promise<T> {
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
      if (isNoResponders(err)) throw new AppError(ErrorCode.Conflict, unsupervised, { supervised: false });
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
