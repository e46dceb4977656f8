import { Body, Controller, Delete, Get, HttpCode, MessageEvent, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Observable, catchError, from, interval, map, of, startWith, switchMap } from 'rxjs';
import {
  CHAOS_MAX_DURATION_S,
  CHAOS_MIN_DURATION_S,
  CHAOS_SHOPPERS,
  ChaosRunState,
  ChaosStatus,
} from '@shop/contracts';
import { AppError, RequestContext } from '@shop/common';
import { Auth } from '../../auth/auth.guards';
import { EventStream } from '../../http/event-stream.decorator';
import { httpStatusFor } from '../../http/error-status';
import { Ctx } from '../../http/request-context.decorator';
import { ApiErrorDto } from '../../services/services.dto';
import { ChaosStartDto } from './chaos.dto';
import { ChaosService } from './chaos.service';

const OBJECT = { schema: { type: 'object', additionalProperties: true } } as const;
const UNSUPERVISED =
  'The cluster is not run by the local supervisor (chaos mode needs it), or a run is going on';

/** Chaos mode: a bounded chaos run on this cluster, started, followed and stopped by an operator. */
@ApiTags('admin')
@Controller('admin/chaos')
export class ChaosController {
  constructor(private readonly chaos: ChaosService) {}

  @Post()
  @HttpCode(202)
  @Auth('admin')
  @ApiOperation({
    summary: 'Start a chaos run (local supervisor only)',
    description:
      `${CHAOS_SHOPPERS.normal + CHAOS_SHOPPERS.vip} generated test shoppers browse, fill carts and check out ` +
      `through this API for \`durationSeconds\` (${CHAOS_MIN_DURATION_S} to ${CHAOS_MAX_DURATION_S}), while ` +
      'the supervisor kills instances (of services that run two or more) and injects latency and errors into ' +
      'the cluster configuration on a schedule drawn from `seed`. The run then stops by itself, removes every ' +
      'fault it injected, and checks its own orders: none lost, none oversold, none charged twice. Answers ' +
      'the run (its `id`) at once; follow it with GET /api/admin/chaos or its stream.',
  })
  @ApiAcceptedResponse({ description: 'The run, just started (ChaosRunState)', ...OBJECT })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Bad duration, seed or fault kinds' })
  @ApiConflictResponse({ type: ApiErrorDto, description: UNSUPERVISED })
  start(@Body() body: ChaosStartDto, @Ctx() ctx: RequestContext): Promise<ChaosRunState> {
    return this.chaos.start(ctx, body);
  }

  @Delete()
  @Auth('admin')
  @ApiOperation({
    summary: 'Stop the chaos run now',
    description:
      'Ends the load early; the run still removes its faults and checks its orders, as after its full duration.',
  })
  @ApiOkResponse({ description: 'The run, stopping (ChaosRunState)', ...OBJECT })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'No run is going on, or no supervisor' })
  stop(@Ctx() ctx: RequestContext): Promise<ChaosRunState> {
    return this.chaos.stop(ctx);
  }

  @Get()
  @Auth('admin')
  @ApiOperation({ summary: 'The current or last chaos run (null before the first)' })
  @ApiOkResponse({ description: 'ChaosStatus', ...OBJECT })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The cluster is not run by the local supervisor' })
  status(@Ctx() ctx: RequestContext): Promise<ChaosStatus> {
    return this.chaos.status(ctx);
  }

  @EventStream('stream')
  @Auth('admin')
  @ApiOperation({
    summary: 'The same as server-sent events, once a second',
    description:
      'Event "chaos" carries the ChaosStatus; "chaos-unavailable" carries { statusCode, message } while the ' +
      'supervisor cannot be asked (the stream goes on, and recovers when it answers again).',
  })
  @ApiOkResponse({ description: 'text/event-stream of ChaosStatus', ...OBJECT })
  stream(@Ctx() ctx: RequestContext): Observable<MessageEvent> {
    return interval(1000).pipe(
      startWith(0),
      switchMap(() =>
        from(this.chaos.status({ ...ctx, deadline: Date.now() + 900 })).pipe(
          map((data): MessageEvent => ({ type: 'chaos', data })),
          catchError((err: unknown) => {
            const e = err instanceof AppError ? err : AppError.unavailable(String(err));
            return of<MessageEvent>({
              type: 'chaos-unavailable',
              data: { statusCode: httpStatusFor(e.code), message: e.message },
            });
          }),
        ),
      ),
    );
  }
}
