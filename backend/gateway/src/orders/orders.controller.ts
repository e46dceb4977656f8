import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  MessageEvent,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPaymentRequiredResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Observable, filter, interval, map, merge, of } from 'rxjs';
import {
  AccessTokenClaims,
  ErrorCode,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  ORDER_STATUS_EVENTS,
  OrderEventPayload,
  OrdersRpc,
  isTransportErrorCode,
} from '@shop/contracts';
import { AppError, RequestContext } from '@shop/common';
import { RpcClient } from '@shop/messaging';
import { Auth } from '../auth/auth.guards';
import { EventStream } from '../http/event-stream.decorator';
import { Ctx } from '../http/request-context.decorator';
import { ApiErrorDto } from '../services/services.dto';
import { DomainEventFeed } from './domain-event-feed.service';
import {
  ListOrdersQueryDto,
  OrderDetailDto,
  OrderDto,
  OrderPageDto,
  PlaceOrderDto,
  QueueMetricsDto,
} from './orders.dto';

const SAFE_RETRY =
  'Nothing is lost: retrying with the same Idempotency-Key is safe and returns this checkout’s outcome, never a second order or charge';

/**
 * A checkout that got no business answer (a transport error: its orders instance stopped or failed, none was
 * reachable, or the request's deadline passed) becomes BUSY, a 503 with Retry-After: the order may or may not
 * exist, and the same key finds out (placeOrder is idempotent by key, so a retry never orders or charges twice).
 */
function checkoutFailure(err: unknown): unknown {
  if (!(err instanceof AppError) || !isTransportErrorCode(err.code)) return err;
  const what =
    err.code === ErrorCode.Timeout
      ? 'Checkout did not finish within this request’s time limit (an orders instance may have stopped).'
      : `Checkout could not be completed now (${err.message}).`;
  return new AppError(ErrorCode.Busy, `${what} ${SAFE_RETRY}`);
}
const orderIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => AppError.badRequest('id must be an order id (UUID)'),
});

@ApiTags('orders')
@Controller(['orders', 'e-commerce/orders'])
export class OrdersController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly feed: DomainEventFeed,
  ) {}

  @Post()
  @HttpCode(201)
  @Auth()
  @ApiOperation({
    summary: 'Place an order (checkout saga: deduct stock → authorize payment → confirm)',
    description:
      'Orders the given items, or the cart when `items` is omitted; the shopper’s own cart holds count toward the ' +
      'order on both paths, and the units it takes from the cart leave the cart before the answer. Answers once the ' +
      'order is confirmed (PENDING in its VIP or normal queue) or failed, within the request deadline (else 503). The same Idempotency-Key with the same body returns the first result ' +
      '(no second order or charge); with a different body it is refused with 422. Also served at /api/e-commerce/orders.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: `Unique per checkout attempt (e.g. a UUID), at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`,
  })
  @ApiCreatedResponse({ type: OrderDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Invalid body or missing Idempotency-Key' })
  @ApiPaymentRequiredResponse({
    type: ApiErrorDto,
    description: 'Card declined; stock released; order FAILED',
  })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Out of stock; order FAILED' })
  @ApiUnprocessableEntityResponse({
    type: ApiErrorDto,
    description: 'Idempotency-Key reused with a different body',
  })
  @ApiServiceUnavailableResponse({
    type: ApiErrorDto,
    description:
      'High traffic (stock lock timeout), payment provider unavailable (breaker open), or the checkout did not ' +
      'finish within the request deadline (details.orderInProgress names a running order); Retry-After set. ' +
      'Unless details.orderId names a failed order, retrying with the same Idempotency-Key is safe',
  })
  async place(
    @Body() body: PlaceOrderDto,
    @Headers('idempotency-key') key: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<OrderDto> {
    if (!key) throw AppError.badRequest('The Idempotency-Key header is required to place an order');
    if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH)
      throw AppError.badRequest(
        `The Idempotency-Key header must have at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`,
      );
    try {
      // Within the request's deadline (GATEWAY_REQUEST_TIMEOUT_MS), like every route: the orders service
      // answers shortly before it, with the order or with BUSY while the checkout still runs.
      return await this.rpc.call(OrdersRpc.placeOrder, body, ctx);
    } catch (err) {
      throw checkoutFailure(err);
    }
  }

  @Get()
  @Auth()
  @ApiOperation({ summary: 'Order history: your own orders (admins: everyone’s), newest first, paginated' })
  @ApiOkResponse({ type: OrderPageDto })
  list(@Query() query: ListOrdersQueryDto, @Ctx() ctx: RequestContext): Promise<OrderPageDto> {
    return this.rpc.call(OrdersRpc.listOrders, { ...query }, ctx);
  }

  @EventStream('stream')
  @Auth()
  @ApiOperation({
    summary: 'Server-sent events: status changes of your orders',
    description:
      'Event "order-status" with the order event payload, for your own orders only. EventSource may ' +
      'pass the token as ?access_token=.',
  })
  @ApiOkResponse({
    description: 'text/event-stream; each "order-status" carries { event, at, orderId, userId, status, … }',
    schema: { type: 'object', additionalProperties: true },
  })
  stream(@Req() req: FastifyRequest): Observable<MessageEvent> {
    const user = req.user as AccessTokenClaims;
    return merge(
      of<MessageEvent>({ type: 'ready', data: { userId: user.sub } }),
      this.feed.events$.pipe(
        filter(
          (e) =>
            ORDER_STATUS_EVENTS.includes(e.type) && (e.payload as OrderEventPayload)?.userId === user.sub,
        ),
        map((e): MessageEvent => ({
          type: 'order-status',
          id: e.id,
          data: { event: e.type, at: e.occurredAt, ...(e.payload as object) },
        })),
      ),
      interval(15_000).pipe(map((): MessageEvent => ({ type: 'keepalive', data: {} }))),
    );
  }

  @Get('queues')
  @Auth('admin')
  @ApiOperation({
    summary: 'Priority queue metrics: depth, processing rate, average and p95 wait per priority, weights',
  })
  @ApiOkResponse({ type: QueueMetricsDto })
  queues(@Ctx() ctx: RequestContext): Promise<QueueMetricsDto> {
    return this.rpc.call(OrdersRpc.queueMetrics, {}, ctx);
  }

  @Get(':id')
  @Auth()
  @ApiOperation({
    summary: 'One order with product details, payment status, shipping status and saga timeline',
  })
  @ApiOkResponse({ type: OrderDetailDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  get(@Param('id', orderIdPipe) id: string, @Ctx() ctx: RequestContext): Promise<OrderDetailDto> {
    return this.rpc.call(OrdersRpc.getOrder, { id }, ctx);
  }
}
