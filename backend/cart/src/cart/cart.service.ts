import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, EntityManager } from 'typeorm';
import {
  AvailabilityDto,
  CartDto,
  InventoryRpc,
  MAX_CART_LINE_QUANTITY,
  cartReservationOwner,
} from '@shop/contracts';
import { AppError, AppLogger, RequestContext, isUuid } from '@shop/common';
import { RpcClient } from '@shop/messaging';
import { CartEnv } from '../config/cart.env';
import { CartItem } from './cart-item.entity';
import { lockCart } from './cart-locks';
import { toCartDto, toCartItem } from './cart-view';
import { Cart } from './cart.entity';
import { BatchOutcome, ChangeBatcher } from './change-batcher';
import { ChangeRecords, KeyedChange, changeKey } from './change-records';
import { LineChange, LineChangesService } from './line-changes.service';

/** The change's key and what it asks, when the request carries an idempotency key. */
function keyedChange(ctx: RequestContext, userId: string, request: string): KeyedChange | undefined {
  const key = changeKey(ctx.idempotencyKey);
  return key === undefined ? undefined : { userId, key, request };
}

function unwrap<T>(outcome: BatchOutcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw outcome.error;
}

function assertUser(userId: unknown): asserts userId is string {
  if (typeof userId !== 'string' || userId.length === 0 || userId.length > 200)
    throw AppError.badRequest('userId must be a non-empty string');
}

function assertProduct(productId: unknown): asserts productId is string {
  if (!isUuid(productId)) throw AppError.notFound(`Unknown product "${String(productId)}"`, { productId });
}

function assertQuantity(quantity: unknown): asserts quantity is number {
  if (
    !Number.isInteger(quantity) ||
    (quantity as number) < 1 ||
    (quantity as number) > MAX_CART_LINE_QUANTITY
  )
    throw AppError.badRequest(`quantity must be an integer from 1 to ${MAX_CART_LINE_QUANTITY}`);
}

/**
 * Carts persisted per user. Every change locks the user's cart row, sets the inventory hold to the line's new
 * total (`reserve` is absolute, so a retry cannot double-hold), then stores the line. A change sent with an
 * idempotency key is applied once: the key's first outcome is recorded with the change (ChangeRecords) and
 * answers every later copy. Adds and quantity
 * changes go through the change batcher (LineChangesService applies each batch). The cart view asks
 * inventory for each item's availability in parallel and falls back to the last known values, marked stale,
 * when inventory does not answer within CART_INVENTORY_TIMEOUT_MS.
 */
@Injectable()
export class CartService {
  private readonly inventoryTimeoutMs: number;
  private readonly lines: ChangeBatcher<LineChange, CartDto>;

  constructor(
    private readonly ds: DataSource,
    private readonly rpc: RpcClient,
    private readonly logger: AppLogger,
    private readonly records: ChangeRecords,
    changes: LineChangesService,
    config: ConfigService<CartEnv, true>,
  ) {
    this.inventoryTimeoutMs = config.get('CART_INVENTORY_TIMEOUT_MS', { infer: true });
    this.lines = new ChangeBatcher<LineChange, CartDto>({
      concurrency: config.get('CART_BATCH_CONCURRENCY', { infer: true }),
      maxBatch: config.get('CART_BATCH_MAX', { infer: true }),
      keyOf: (change) => change.userId,
      run: (batch) => changes.apply(batch),
    });
  }

  async getCart(ctx: RequestContext, userId: string, withLiveStock = true): Promise<CartDto> {
    assertUser(userId);
    if (!withLiveStock) return this.storedView(this.ds.manager, userId);
    const { cart, items } = await this.load(this.ds.manager, userId);
    const live = await Promise.all(items.map((item) => this.liveAvailability(ctx, item.productId)));
    const view = items.map((item, i) => toCartItem(item, live[i] ?? undefined, live[i] === null));
    const fresh = live.filter((a): a is AvailabilityDto => !!a);
    if (cart && fresh.length > 0)
      void this.rememberLastKnown(cart.id, fresh).catch((err: Error) =>
        this.logger.write('warn', `Could not store last known availability: ${err.message}`, {
          correlationId: ctx.correlationId,
          context: 'CartService',
        }),
      );
    return toCartDto(userId, view, cart?.updatedAt);
  }

  async addItem(ctx: RequestContext, userId: string, productId: string, quantity: number): Promise<CartDto> {
    assertUser(userId);
    assertProduct(productId);
    assertQuantity(quantity);
    return this.lines.submit({
      ctx,
      userId,
      productId,
      keyed: keyedChange(ctx, userId, `add ${quantity} × ${productId}`),
      nextQuantity: (current) => {
        const total = (current ?? 0) + quantity;
        if (total > MAX_CART_LINE_QUANTITY)
          throw AppError.badRequest(
            `A cart holds at most ${MAX_CART_LINE_QUANTITY} units of a product (you have ${current ?? 0})`,
          );
        return total;
      },
    });
  }

  async setItemQuantity(
    ctx: RequestContext,
    userId: string,
    productId: string,
    quantity: number,
  ): Promise<CartDto> {
    assertUser(userId);
    assertProduct(productId);
    assertQuantity(quantity);
    return this.lines.submit({
      ctx,
      userId,
      productId,
      keyed: keyedChange(ctx, userId, `set ${productId} to ${quantity}`),
      nextQuantity: (current) => {
        if (current === undefined)
          throw AppError.notFound(`Product ${productId} is not in your cart`, { productId });
        return quantity;
      },
    });
  }

  async removeItem(ctx: RequestContext, userId: string, productId: string): Promise<CartDto> {
    assertUser(userId);
    assertProduct(productId);
    const keyed = keyedChange(ctx, userId, `remove ${productId}`);
    const outcome = await this.ds.transaction(async (em): Promise<BatchOutcome<CartDto>> => {
      const cartId = await lockCart(em, userId);
      const recorded = keyed && (await this.records.findOne(em, keyed));
      if (recorded) return recorded;
      const { affected } = await em.getRepository(CartItem).delete({ cartId, productId });
      let done: BatchOutcome<CartDto>;
      if (!affected)
        done = {
          ok: false,
          error: AppError.notFound(`Product ${productId} is not in your cart`, { productId }),
        };
      else {
        await this.rpc.call(
          InventoryRpc.releaseReservations,
          { ownerId: cartReservationOwner(userId), productIds: [productId] },
          ctx,
        );
        done = { ok: true, value: await this.storedView(em, userId) };
      }
      if (keyed) await this.records.save(em, [{ change: keyed, outcome: done }]);
      return done;
    });
    return unwrap(outcome);
  }

  async clear(ctx: RequestContext, userId: string, releaseReservations = true): Promise<CartDto> {
    assertUser(userId);
    return this.ds.transaction(async (em) => {
      const cartId = await lockCart(em, userId);
      await em.getRepository(CartItem).delete({ cartId });
      if (releaseReservations)
        await this.rpc.call(InventoryRpc.releaseReservations, { ownerId: cartReservationOwner(userId) }, ctx);
      return this.storedView(em, userId);
    });
  }

  private async load(em: EntityManager, userId: string): Promise<{ cart: Cart | null; items: CartItem[] }> {
    const cart = await em.getRepository(Cart).findOneBy({ userId });
    if (!cart) return { cart, items: [] };
    const items = await em.getRepository(CartItem).find({
      where: { cartId: cart.id },
      order: { createdAt: 'ASC', productId: 'ASC' },
    });
    return { cart, items };
  }

  /** The cart from stored values only (answers of mutations: no extra round trips). */
  private async storedView(em: EntityManager, userId: string): Promise<CartDto> {
    const { cart, items } = await this.load(em, userId);
    return toCartDto(
      userId,
      items.map((item) => toCartItem(item, undefined, false)),
      cart?.updatedAt,
    );
  }

  /** One item's live availability, or null when inventory did not answer in time. */
  private async liveAvailability(ctx: RequestContext, productId: string): Promise<AvailabilityDto | null> {
    const deadline = Math.min(ctx.deadline ?? Infinity, Date.now() + this.inventoryTimeoutMs);
    try {
      const [answer] = await this.rpc.call(
        InventoryRpc.availability,
        { productIds: [productId] },
        { ...ctx, deadline },
        { timeoutMs: this.inventoryTimeoutMs },
      );
      return answer ?? null;
    } catch (err) {
      this.logger.write(
        'warn',
        `Availability of ${productId} unavailable, using last known: ${(err as Error).message}`,
        {
          correlationId: ctx.correlationId,
          context: 'CartService',
        },
      );
      return null;
    }
  }

  private async rememberLastKnown(cartId: string, fresh: AvailabilityDto[]): Promise<void> {
    const items = this.ds.getRepository(CartItem);
    for (const a of fresh)
      await items.update(
        { cartId, productId: a.productId },
        {
          lastAvailable: a.available,
          priceMinor: a.price.amountMinor,
          currency: a.price.currency,
          name: a.name,
          imageUrl: a.imageUrl,
          checkedAt: () => 'now()',
        },
      );
  }
}
