import { Body, Controller, Get, HttpCode, MessageEvent, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Observable, from, interval, map, startWith, switchMap } from 'rxjs';
import {
  AdminOrderDetail,
  MAX_SCALED_INSTANCES,
  MAX_TEST_ORDERS,
  OrdersRpc,
  PaymentProviderOverview,
  PaymentRpc,
  ScaleResult,
  SupervisorStatus,
  TestOrdersResult,
} from '@shop/contracts';
import { AppError, RequestContext } from '@shop/common';
import { RpcClient } from '@shop/messaging';
import { Auth } from '../auth/auth.guards';
import { EventStream } from '../http/event-stream.decorator';
import { Ctx } from '../http/request-context.decorator';
import { ApiErrorDto } from '../services/services.dto';
import { ScaleCommandDto, TestOrdersDto } from './admin.dto';
import { PaymentProviderOverviewService } from './payment-provider-overview';
import { SupervisorClient } from './supervisor-client';
import { TestOrdersService } from './test-orders.service';

const orderIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => AppError.badRequest('id must be an order id (UUID)'),
});
const OBJECT = { schema: { type: 'object', additionalProperties: true } } as const;

/** Operator routes of the admin console: order detail, test orders, scaling and the payment outage view. */
@ApiTags('admin')
@Controller('admin')
export class AdminController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly testOrders: TestOrdersService,
    private readonly supervisor: SupervisorClient,
    private readonly payment: PaymentProviderOverviewService,
  ) {}

  @Get('orders/:id')
  @Auth('admin')
  @ApiOperation({
    summary:
      'One order for operators: saga timeline (step, outcome, instance, time, correlation id) and payment',
    description:
      'The order detail with its whole timeline, compensations included, and the payment service’s record of ' +
      'its payment. Its log lines are searchable by correlation id with GET /api/logs?correlationId=….',
  })
  @ApiOkResponse(OBJECT)
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async order(@Param('id', orderIdPipe) id: string, @Ctx() ctx: RequestContext): Promise<AdminOrderDetail> {
    const [order, payment] = await Promise.all([
      this.rpc.call(OrdersRpc.getOrder, { id }, ctx),
      this.rpc.call(PaymentRpc.getByOrder, { orderId: id }, ctx).then(
        (p) => ({ payment: p }),
        (err: Error) => ({ payment: null, paymentError: `payment service: ${err.message}` }),
      ),
    ]);
    return { order, ...payment };
  }

  @Post('test-orders')
  @HttpCode(200)
  @Auth('admin')
  @ApiOperation({
    summary: 'Place test orders for generated test shoppers (VIP or normal)',
    description:
      `Up to ${MAX_TEST_ORDERS} orders, placed for generated test shoppers of the tier (accounts flagged as test ` +
      'accounts, created on first use, with no password). Each order has its own idempotency key ' +
      '(`<Idempotency-Key>:<n>`) and correlation id; the answer lists how each ended.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'The same key returns the same orders',
  })
  @ApiOkResponse(OBJECT)
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Bad tier, count, shoppers, card or items' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'No product in stock to order' })
  placeTestOrders(@Body() body: TestOrdersDto, @Ctx() ctx: RequestContext): Promise<TestOrdersResult> {
    return this.testOrders.place(ctx, body);
  }

  @Get('supervisor')
  @Auth('admin')
  @ApiOperation({ summary: 'What the local supervisor runs: every process kind with its instance ids' })
  @ApiOkResponse(OBJECT)
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The cluster is not run by the local supervisor' })
  supervisorStatus(@Ctx() ctx: RequestContext): Promise<SupervisorStatus> {
    return this.supervisor.status(ctx);
  }

  @Post('supervisor/scale')
  @HttpCode(200)
  @Auth('admin')
  @ApiOperation({
    summary: 'Scale a service up or down (local supervisor only)',
    description:
      `Send \`delta\` (+1 starts one more instance, -1 stops the newest) or \`instances\` (1 to ` +
      `${MAX_SCALED_INSTANCES}). Answers the new instance ids once stopped instances have exited.`,
  })
  @ApiOkResponse(OBJECT)
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Below 1, above the maximum, or not scalable' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown service' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The cluster is not run by the local supervisor' })
  scale(@Body() body: ScaleCommandDto, @Ctx() ctx: RequestContext): Promise<ScaleResult> {
    return this.supervisor.scale(ctx, body);
  }

  @Get('payment/provider')
  @Auth('admin')
  @ApiOperation({
    summary: 'The payment provider outage switch and the provider breaker of every payment instance',
    description: 'Switch the outage with POST /api/services/config { action: "set-payment-outage" }.',
  })
  @ApiOkResponse(OBJECT)
  paymentProvider(): Promise<PaymentProviderOverview> {
    return this.payment.overview();
  }

  @EventStream('payment/provider/stream')
  @Auth('admin')
  @ApiOperation({ summary: 'The same as server-sent events (event "payment-provider"), once a second' })
  @ApiOkResponse({ description: 'text/event-stream of PaymentProviderOverview', ...OBJECT })
  paymentProviderStream(): Observable<MessageEvent> {
    return interval(1000).pipe(
      startWith(0),
      switchMap(() => from(this.payment.overview())),
      map((data): MessageEvent => ({ type: 'payment-provider', data })),
    );
  }
}
