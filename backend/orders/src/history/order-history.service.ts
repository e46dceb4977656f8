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
import { OrderRow, toOrderDto } from '../checkout/order-row';
import { OrdersRepository } from '../checkout/orders.repository';

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
    private readonly orders: OrdersRepository,
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
    const where: string[] = [];
    const params: unknown[] = [];
    if (userId) where.push(`user_id = $${params.push(userId)}`);
    if (req?.status) where.push(`status = $${params.push(req.status)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [rows, [{ total }]]: [OrderRow[], { total: string }[]] = await Promise.all([
      this.orders.ds.query(
        `SELECT * FROM orders.orders ${clause} ORDER BY created_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, pageSize, offset],
      ),
      this.orders.ds.query(`SELECT count(*) AS total FROM orders.orders ${clause}`, params),
    ]);
    return { items: rows.map(toOrderDto), page, pageSize, total: Number(total) };
  }

  async get(ctx: RequestContext, id: string): Promise<OrderDetailDto> {
    const caller = requireCaller(ctx);
    if (!isUuid(id)) throw AppError.badRequest('id must be a UUID');
    const row = await this.orders.findById(id);
    // Another shopper's order answers exactly like a missing one.
    if (!row || (caller.role !== 'admin' && row.user_id !== caller.userId))
      throw AppError.notFound(`Order ${id} not found`);
    const lookupCtx = {
      correlationId: ctx.correlationId,
      caller: { service: 'orders' },
      deadline: Date.now() + LOOKUP_TIMEOUT_MS,
    };
    const productIds = [
      ...new Set(row.lines.length ? row.lines.map((l) => l.productId) : row.items.map((i) => i.productId)),
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
    const dto = toOrderDto(row);
    const lines = row.lines.length
      ? row.lines
      : row.items.map((i) => {
          const p = byId.get(i.productId);
          const unitPrice = p?.price ?? { amountMinor: 0, currency: row.currency };
          return {
            productId: i.productId,
            name: p?.name ?? i.productId,
            quantity: i.quantity,
            unitPrice,
            lineTotal: { amountMinor: unitPrice.amountMinor * i.quantity, currency: unitPrice.currency },
          };
        });
    return {
      ...dto,
      lines: lines.map((l) => {
        const p = byId.get(l.productId);
        return { ...l, imageUrl: p?.imageUrl, sku: p?.sku, category: p?.category };
      }),
      payment,
      shipping: { status: SHIPPING[row.status], address: row.shipping ?? undefined },
      timeline,
    };
  }
}

function requireCaller(ctx: RequestContext) {
  const caller = ctx.caller;
  if (!caller?.userId) throw AppError.unauthorized('Order history requires a signed-in user');
  return caller;
}
