import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EventBus } from '@nestjs/cqrs';
import {
  CartRpc,
  ErrorCode,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  OrderDto,
  OrderItemInput,
  OrderPriority,
  PlaceOrderRequest,
} from '@shop/contracts';
import { AppError, AppLogger, RequestContext, TRANSPORT_CODES } from '@shop/common';
import { InjectMessagingOptions, MessagingOptions, RpcClient } from '@shop/messaging';
import { OutboxKicker } from '@shop/persistence';
import { OrdersEnv } from '../config/orders.env';
import { OrderEntity } from '../order/order.entity';
import { toOrderDto } from '../order/order.mapper';
import { OrderRepository } from '../order/order.repository';
import { Destination } from '../pricing/destination';
import { OrderPricingService } from '../pricing/order-pricing.service';
import { CheckoutWaiters } from './checkout-waiters';
import { OrderPlacedEvent } from './events';
import { validatePlaceOrder } from './place-order.validation';
import { RunningSagas } from './running-sagas';
import { actor } from './saga-actor';
import { SagaBulkhead } from './saga-bulkhead';

/** How long placeOrder waits for the saga before answering with the order still PLACED. */
const ANSWER_WITHIN_MS = 25_000;

/**
 * Places orders: checks the idempotency key (same key + same body → the first result; a different body →
 * IDEMPOTENCY_MISMATCH), creates the order and starts the checkout saga, then waits for its terminal state
 * until shortly before the caller's deadline (every wait here is bounded by it).
 */
@Injectable()
export class CheckoutService {
  private readonly slots: SagaBulkhead;
  private readonly leaseMs: number;

  constructor(
    private readonly orders: OrderRepository,
    private readonly running: RunningSagas,
    private readonly waiters: CheckoutWaiters,
    private readonly events: EventBus,
    private readonly rpc: RpcClient,
    private readonly outbox: OutboxKicker,
    private readonly logger: AppLogger,
    private readonly pricing: OrderPricingService,
    @InjectMessagingOptions() private readonly options: MessagingOptions,
    config: ConfigService<OrdersEnv, true>,
  ) {
    this.slots = new SagaBulkhead(config.get('SAGA_CONCURRENCY', { infer: true }));
    this.leaseMs = config.get('SAGA_LEASE_MS', { infer: true });
  }

  async placeOrder(ctx: RequestContext, req: PlaceOrderRequest): Promise<OrderDto> {
    const userId = ctx.caller?.userId;
    if (!userId || !ctx.caller?.email)
      throw AppError.unauthorized('Placing an order requires a signed-in shopper');
    const key = ctx.idempotencyKey;
    if (!key) throw AppError.badRequest('The Idempotency-Key header is required to place an order');
    if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH)
      throw AppError.badRequest(`Idempotency-Key must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
    validatePlaceOrder(req);
    const destination = this.pricing.destination(req);
    const requestHash = hashRequest(req);

    const fromCart = !req.items;
    // An order from the cart looks up its key first: a replay must not read the cart (the first order took
    // its lines). With explicit items the insert itself detects a used key (ON CONFLICT) and replays then.
    if (fromCart) {
      const existing = await this.orders.findByKey(userId, key);
      if (existing) return this.replay(existing, requestHash, ctx);
    }

    const items = req.items ?? (await this.cartItems(userId, ctx));
    if (items.length === 0) {
      // A concurrent attempt with this key may have placed the order and taken the lines since the look-up.
      const existing = await this.orders.findByKey(userId, key);
      if (existing) return this.replay(existing, requestHash, ctx);
      throw AppError.badRequest('Your cart is empty: add items or send "items" explicitly');
    }
    const email = ctx.caller.email;
    const placed = await this.slots.run(this.answerWithin(ctx), () =>
      this.start(ctx, req, { userId, email, key, requestHash, items, fromCart, destination }),
    );
    if (!placed.ran)
      throw new AppError(
        ErrorCode.Busy,
        'Checkout is very busy: your order was not placed and nothing was charged; retrying with the same Idempotency-Key is safe',
        { retryAfterSeconds: 1 },
      );
    if (placed.value) return placed.value;
    // A request with the same key won the insert (earlier, or concurrently): answer as it does.
    const winner = await this.orders.findByKey(userId, key);
    if (!winner) throw new AppError(ErrorCode.Internal, 'Idempotency record vanished');
    return this.replay(winner, requestHash, ctx);
  }

  private async start(
    ctx: RequestContext,
    req: PlaceOrderRequest,
    o: {
      userId: string;
      email: string;
      key: string;
      requestHash: string;
      items: OrderItemInput[];
      fromCart: boolean;
      destination: Destination;
    },
  ): Promise<OrderDto | undefined> {
    const { userId, key, requestHash, items, fromCart } = o;
    const priority: OrderPriority = ctx.caller?.tier === 'vip' ? 'vip' : 'normal';
    const orderId = randomUUID();
    const created = await this.orders.create(
      {
        id: orderId,
        userId,
        email: o.email,
        priority,
        idempotencyKey: key,
        requestHash,
        items,
        fromCart,
        shipping: req.shippingAddress,
        destinationCountry: o.destination.country,
        shippingMethod: o.destination.shippingMethod,
        correlationId: ctx.correlationId,
      },
      actor(this.options.instanceId, ctx.correlationId),
      this.leaseMs,
    );
    if (!created) return undefined; // the idempotency key is taken
    this.outbox.kick();
    this.logger.write('info', `Order ${orderId} placed (${priority}, ${items.length} items)`, {
      correlationId: ctx.correlationId,
      context: 'Checkout',
    });
    this.running.start(orderId, req.cardNumber);
    const finished = this.waiters.wait(orderId, this.answerWithin(ctx));
    this.events.publish(new OrderPlacedEvent(created, ctx.correlationId));
    const outcome = await finished;
    // The row the saga's last step wrote answers; a timeout or a saga finished elsewhere reads it again.
    const order = outcome.finished && outcome.order ? outcome.order : await this.orders.findById(orderId);
    return this.answer(order ?? created);
  }

  /** The first result for a repeated key: waits while that order's saga is still running. */
  private async replay(order: OrderEntity, requestHash: string, ctx: RequestContext): Promise<OrderDto> {
    if (order.requestHash !== requestHash) {
      throw new AppError(
        ErrorCode.IdempotencyMismatch,
        'This Idempotency-Key was already used with a different request body; use a new key for a new order',
        { orderId: order.id },
      );
    }
    let current = order;
    const until = Date.now() + this.answerWithin(ctx);
    while (current.status === 'PLACED' && Date.now() < until) {
      await this.waiters.wait(order.id, Math.min(200, until - Date.now()));
      current = (await this.orders.findById(order.id)) ?? current;
    }
    return this.answer(current);
  }

  /**
   * A failed order answers as the error it failed with (so a replay gets the same answer). An order whose saga
   * is still running at the caller's deadline answers BUSY: its outcome (and, for an order of the cart, the
   * cart without its lines) comes with a retry of the same key, never a second order.
   */
  private answer(order: OrderEntity): OrderDto {
    if (order.status === 'PLACED') {
      throw new AppError(
        ErrorCode.Busy,
        'Your order is still being processed. Nothing is lost: retrying with the same Idempotency-Key is safe and returns its outcome (it is never placed or charged twice)',
        { orderInProgress: order.id, retryAfterSeconds: 1 },
      );
    }
    if (order.status === 'FAILED') {
      const stored = (order.failureCode as ErrorCode | null) ?? ErrorCode.Busy;
      // See CheckoutFailure: a transport-like code would make callers think this instance is broken.
      throw new AppError(
        TRANSPORT_CODES.includes(stored) ? ErrorCode.Busy : stored,
        order.failureReason ?? 'Order failed',
        {
          orderId: order.id,
          status: order.status,
          reason: order.failureReason,
          ...(order.retryAfterSeconds ? { retryAfterSeconds: order.retryAfterSeconds } : {}),
        },
      );
    }
    return toOrderDto(order);
  }

  private answerWithin(ctx: RequestContext): number {
    const budget = ctx.deadline ? ctx.deadline - Date.now() - 250 : ANSWER_WITHIN_MS;
    return Math.max(0, Math.min(ANSWER_WITHIN_MS, budget));
  }

  private async cartItems(userId: string, ctx: RequestContext): Promise<OrderItemInput[]> {
    const cart = await this.rpc.call(
      CartRpc.getCart,
      { userId, live: false },
      { ...ctx, idempotencyKey: undefined },
    );
    return cart.items.map((i) => ({ productId: i.productId, quantity: i.quantity }));
  }
}

/** Hash of the request body as the shopper sent it (same body → same hash, whatever the key order). */
export function hashRequest(req: PlaceOrderRequest): string {
  const canonical = JSON.stringify({
    items: req.items?.map((i) => [i.productId, i.quantity]) ?? null,
    card: req.cardNumber.replace(/[\s-]/g, ''),
    shipping: req.shippingAddress
      ? Object.keys(req.shippingAddress)
          .sort()
          .map((k) => [k, (req.shippingAddress as unknown as Record<string, unknown>)[k]])
      : null,
    // Present only when given, so the hash of a request without them stays what it was.
    ...(req.destinationCountry !== undefined && { country: req.destinationCountry }),
    ...(req.shippingMethod !== undefined && { shippingMethod: req.shippingMethod }),
  });
  return createHash('sha256').update(canonical).digest('hex');
}
