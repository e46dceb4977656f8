import { Injectable } from '@nestjs/common';
import {
  ListOrdersRequest,
  OrderDetailDto,
  OrderDto,
  OrderPage,
  OrdersRpc,
  PlaceOrderRequest,
  PriceQuoteDto,
  PricingSummaryDto,
  QueueMetricsDto,
  QuoteRequest,
} from '@shop/contracts';
import { RequestContext } from '@shop/common';
import { RpcHandler } from '@shop/messaging';
import { CheckoutService } from './checkout/checkout.service';
import { OrderHistoryService } from './history/order-history.service';
import { OrderPricingService } from './pricing/order-pricing.service';
import { QueueMetricsService } from './queue/queue-metrics.service';

/** What `@RpcHandler` accepts as a handler's result (its descriptor type wants exactly this union). */
type Reply<T> = Promise<T> | T;

/** The NATS face of the orders service: maps each contract method to a service call. */
@Injectable()
export class OrdersNatsController {
  constructor(
    private readonly checkout: CheckoutService,
    private readonly history: OrderHistoryService,
    private readonly queueMetrics: QueueMetricsService,
    private readonly pricing: OrderPricingService,
  ) {}

  @RpcHandler(OrdersRpc.placeOrder)
  placeOrder(req: PlaceOrderRequest, ctx: RequestContext): Reply<OrderDto> {
    return this.checkout.placeOrder(ctx, req);
  }

  @RpcHandler(OrdersRpc.listOrders)
  listOrders(req: ListOrdersRequest, ctx: RequestContext): Reply<OrderPage> {
    return this.history.list(ctx, req);
  }

  @RpcHandler(OrdersRpc.getOrder)
  getOrder(req: { id: string }, ctx: RequestContext): Reply<OrderDetailDto> {
    return this.history.get(ctx, req?.id);
  }

  @RpcHandler(OrdersRpc.queueMetrics)
  metrics(_req: Record<string, never>, _ctx: RequestContext): Reply<QueueMetricsDto> {
    return this.queueMetrics.metrics();
  }

  @RpcHandler(OrdersRpc.quote)
  quote(req: QuoteRequest, ctx: RequestContext): Reply<PriceQuoteDto> {
    return this.pricing.quote(ctx, req);
  }

  @RpcHandler(OrdersRpc.pricingSummary)
  pricingSummary(_req: Record<string, never>, _ctx: RequestContext): Reply<PricingSummaryDto> {
    return this.pricing.summary();
  }
}
