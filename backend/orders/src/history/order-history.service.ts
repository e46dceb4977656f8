import { Injectable } from '@nestjs/common';
import {
  InventoryRpc,
  ListOrdersRequest,
  OrderDetailDto,
  OrderPage,
  OrderPaymentView,
  OrderStatus,
  PaymentRpc,
  ShippingStatus,
} from '@shop/contracts';
import { AppError, RequestContext, isUuid, pageWindow } from '@shop/common';
import { RpcClient } from '@shop/messaging';
import { orderLine, toOrderDto } from '../order/order.mapper';
import { OrderRepository } from '../order/order.repository';

const STATUSES: readonly OrderStatus[] = ['PLACED', 'PENDING', 'PROCESSING', 'COMPLETED', 'FAILED'];
const SHIPPING: Record<OrderStatus, ShippingStatus> = {
  PLACED: 'not-shipped',
  PENDING: 'awaiting-fulfilment',
  PROCESSING: 'preparing',
  COMPLETED: 'shipped',
  FAILED: 'cancelled',
};
/** Lookups in other services for the detail view must not hold the page up. */
const LOOKUP_TIMEOUT_MS = 1500;

/** Order history: a shopper sees their own orders only, an admin everyone's. */
@Injectable()
export class OrderHistoryService {
  constructor(
    private readonly orders: OrderRepository,
    private readonly rpc: RpcClient,
  ) {}

  async list(ctx: RequestContext, req: ListOrdersRequest): Promise<OrderPage> {
    const caller = requireCaller(ctx);
    const { page, pageSize, offset } = pageWindow(req);
    if (req?.status !== undefined && !STATUSES.includes(req.status))
      throw AppError.badRequest(`status must be one of ${STATUSES.join(', ')}`);
    // A shopper always sees their own orders, whatever userId they ask for.
    const userId = caller.role === 'admin' ? req?.userId : caller.userId;
    if (userId !== undefined && !isUuid(userId)) throw AppError.badRequest('userId must be a user id (UUID)');
    const [orders, total] = await this.orders.page({ userId, status: req?.status }, { offset, pageSize });
    return { items: orders.map(toOrderDto), page, pageSize, total };
  }

  async get(ctx: RequestContext, id: string): Promise<OrderDetailDto> {
    const caller = requireCaller(ctx);
    if (!isUuid(id)) throw AppError.badRequest('id must be a UUID');
    const order = await this.orders.findById(id);
    // Another shopper's order answers exactly like a missing one.
    if (!order || (caller.role !== 'admin' && order.userId !== caller.userId))
      throw AppError.notFound(`Order ${id} not found`);
    const lookupCtx = {
      correlationId: ctx.correlationId,
      caller: { service: 'orders' },
      deadline: Date.now() + LOOKUP_TIMEOUT_MS,
    };
    const productIds = [
      ...new Set(
        order.lines.length ? order.lines.map((l) => l.productId) : order.items.map((i) => i.productId),
      ),
    ];
    const [products, payment, timeline] = await Promise.all([
      Promise.all(
        productIds.map((pid) =>
          this.rpc
            .call(InventoryRpc.getProduct, { id: pid }, lookupCtx)
            .then((r) => r.product)
            .catch(() => undefined),
        ),
      ),
      this.rpc.call(PaymentRpc.getByOrder, { orderId: id }, lookupCtx).then(
        (p): OrderPaymentView =>
          p
            ? { status: p.status, provider: p.provider, cardLast4: p.cardLast4, reason: p.reason }
            : { status: 'NONE' },
        (): OrderPaymentView => ({ status: 'NONE', reason: 'payment service did not answer' }),
      ),
      this.orders.timeline(id),
    ]);
    const byId = new Map(products.filter((p) => p !== undefined).map((p) => [p.id, p]));
    const dto = toOrderDto(order);
    // An order that failed before its stock was deducted has no priced lines: its items, at today's prices.
    const lines = order.lines.length
      ? order.lines
      : order.items.map((i) => {
          const p = byId.get(i.productId);
          return orderLine({
            productId: i.productId,
            name: p?.name ?? i.productId,
            quantity: i.quantity,
            unitPrice: p?.price ?? { amountMinor: 0, currency: order.currency },
          });
        });
    return {
      ...dto,
      lines: lines.map((l) => {
        const p = byId.get(l.productId);
        return { ...l, imageUrl: p?.imageUrl, sku: p?.sku, category: p?.category };
      }),
      payment,
      shipping: { status: SHIPPING[order.status], address: order.shipping ?? undefined },
      timeline,
    };
  }
}

function requireCaller(ctx: RequestContext) {
  const caller = ctx.caller;
  if (!caller?.userId) throw AppError.unauthorized('Order history requires a signed-in user');
  return caller;
}
