import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  AuthRpc,
  ErrorCode,
  InventoryRpc,
  OrderItemInput,
  OrdersRpc,
  SIMULATED_TEST_CARDS,
  StockLevel,
  TestOrderOutcome,
  TestOrdersRequest,
  TestOrdersResult,
  UserDto,
} from '@shop/contracts';
import { AppError, AppLogger, RequestContext } from '@shop/common';
import { RpcClient } from '@shop/messaging';
import { httpStatusFor } from '../http/error-status';

/** Correlation ids stay within the length the log filter accepts. */
const MAX_CORRELATION_ID = 128;

/**
 * Places test orders for generated test shoppers: the auth service hands out the tier's test accounts (flagged,
 * without a password), and each order goes to the orders service as that shopper, with its own idempotency key
 * (`<batch key>:<n>`, so sending the same batch again returns the same orders) and its own correlation id.
 */
@Injectable()
export class TestOrdersService {
  constructor(
    private readonly rpc: RpcClient,
    private readonly logger: AppLogger,
  ) {}

  async place(ctx: RequestContext, req: TestOrdersRequest): Promise<TestOrdersResult> {
    const count = req.count ?? 1;
    const shoppers = await this.rpc.call(
      AuthRpc.testShoppers,
      { tier: req.tier, count: Math.min(req.shoppers ?? 1, count) },
      ctx,
    );
    const stock = req.items ? [] : await this.inStock(ctx);
    const batchKey = ctx.idempotencyKey ?? randomUUID();
    const cardNumber = req.cardNumber ?? SIMULATED_TEST_CARDS.approve;
    const orders = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        this.placeOne(ctx, shoppers[i % shoppers.length], `${batchKey}:${i + 1}`, i + 1, {
          items: req.items ?? pickItems(stock),
          cardNumber,
        }),
      ),
    );
    const placed = orders.filter((o) => o.outcome === 'placed').length;
    this.logger.write(
      'info',
      `Test orders (${req.tier}): ${placed} placed, ${count - placed} failed, for ${shoppers.length} test shopper(s)`,
      { correlationId: ctx.correlationId, context: 'TestOrders' },
    );
    return { tier: req.tier, shoppers, orders, placed, failed: count - placed };
  }

  private async placeOne(
    ctx: RequestContext,
    shopper: UserDto,
    idempotencyKey: string,
    n: number,
    body: { items: OrderItemInput[]; cardNumber: string },
  ): Promise<TestOrderOutcome> {
    const orderCtx: RequestContext = {
      correlationId: `${ctx.correlationId.slice(0, MAX_CORRELATION_ID - 5)}:${n}`,
      caller: {
        userId: shopper.id,
        email: shopper.email,
        role: 'customer',
        tier: shopper.tier,
        service: 'gateway',
      },
      deadline: ctx.deadline,
      idempotencyKey,
    };
    // Each order's own line, under its own correlation id: the order detail shows it with the services' lines.
    const log = (level: 'info' | 'warn', text: string) =>
      this.logger.write(level, `Test order ${n} for ${shopper.email}: ${text}`, {
        correlationId: orderCtx.correlationId,
        context: 'TestOrders',
      });
    try {
      const order = await this.rpc.call(OrdersRpc.placeOrder, body, orderCtx);
      log('info', `${order.id} ${order.status}`);
      return { idempotencyKey, shopperEmail: shopper.email, outcome: 'placed', order };
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError(ErrorCode.Internal, String(err));
      log('warn', `${e.code}: ${e.message}`);
      return {
        idempotencyKey,
        shopperEmail: shopper.email,
        outcome: 'failed',
        error: { statusCode: httpStatusFor(e.code), code: e.code, message: e.message, details: e.details },
      };
    }
  }

  private async inStock(ctx: RequestContext): Promise<StockLevel[]> {
    const stock = (await this.rpc.call(InventoryRpc.listStock, {}, ctx)).filter((s) => s.available > 0);
    if (stock.length === 0)
      throw AppError.conflict('No product has stock left: restock some, or send "items" explicitly');
    return stock;
  }
}

/** One or two different products in stock, one of each. */
function pickItems(stock: readonly StockLevel[], random = Math.random): OrderItemInput[] {
  const lines = Math.min(stock.length, 1 + Math.floor(random() * 2));
  const chosen = new Set<string>();
  while (chosen.size < lines) chosen.add(stock[Math.floor(random() * stock.length)].productId);
  return [...chosen].map((productId) => ({ productId, quantity: 1 }));
}
