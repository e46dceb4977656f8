import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  AvailabilityDto,
  CartDto,
  InventoryRpc,
  MAX_CART_LINE_QUANTITY,
  MAX_RESERVE_BATCH,
  cartReservationOwner,
} from '@shop/contracts';
import { AppError, AppLogger, RequestContext, envInt, isUuid } from '@shop/common';
import { RpcClient } from '@shop/messaging';
import { CART_ITEM_COLUMNS, CartItemRow, toCartDto, toCartItem } from './cart-view';
import { CartLineBatch, LineChange } from './cart-line-batch';
import { ChangeBatcher } from './change-batcher';

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
 * Carts persisted per user. Every change locks the user's cart row, sets the inventory reservation to the
 * line's new total (`reserve` is absolute, so a retry cannot double-hold), then stores the line. Adds and
 * quantity changes go through a per-instance batcher: the changes that arrive while earlier ones are in
 * flight share one cart transaction and one inventory call (CartLineBatch), at most one change per user
 * per batch. The cart view asks inventory for each item's availability in parallel and falls back to the
 * last known values, marked stale, when inventory does not answer within CART_INVENTORY_TIMEOUT_MS (3 s).
 */
@Injectable()
export class CartService {
  private readonly inventoryTimeoutMs = envInt('CART_INVENTORY_TIMEOUT_MS', 3000);
  private readonly lines: ChangeBatcher<LineChange, CartDto>;

  constructor(
    private readonly ds: DataSource,
    private readonly rpc: RpcClient,
    private readonly logger: AppLogger,
    batch: CartLineBatch,
  ) {
    this.lines = new ChangeBatcher<LineChange, CartDto>({
      concurrency: envInt('CART_BATCH_CONCURRENCY', 1),
      maxBatch: Math.min(envInt('CART_BATCH_MAX', 64), MAX_RESERVE_BATCH),
      keyOf: (change) => change.userId,
      run: (changes) => batch.apply(changes),
    });
  }

  async getCart(ctx: RequestContext, userId: string, withLiveStock = true): Promise<CartDto> {
    assertUser(userId);
    if (!withLiveStock) return this.storedView(this.ds.manager, userId);
    const { rows, updatedAt } = await this.load(this.ds.manager, userId);
    const live = await Promise.all(rows.map((row) => this.liveAvailability(ctx, row.product_id)));
    const items = rows.map((row, i) => toCartItem(row, live[i] ?? undefined, live[i] === null));
    const fresh = live.filter((a): a is AvailabilityDto => !!a);
    if (fresh.length > 0)
      void this.rememberLastKnown(userId, fresh).catch((err: Error) =>
        this.logger.write('warn', `Could not store last known availability: ${err.message}`, {
          correlationId: ctx.correlationId,
          context: 'CartService',
        }),
      );
    return toCartDto(userId, items, updatedAt);
  }

  async addItem(ctx: RequestContext, userId: string, productId: string, quantity: number): Promise<CartDto> {
    assertUser(userId);
    assertProduct(productId);
    assertQuantity(quantity);
    return this.lines.submit({
      ctx,
      userId,
      productId,
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
    return this.ds.transaction(async (em) => {
      const cartId = await this.lockCart(em, userId);
      const deleted = (await em.query(
        `DELETE FROM cart.cart_items WHERE cart_id = $1 AND product_id = $2 RETURNING product_id`,
        [cartId, productId],
      )) as [unknown[], number];
      if (deleted[1] === 0)
        throw AppError.notFound(`Product ${productId} is not in your cart`, { productId });
      await this.rpc.call(
        InventoryRpc.releaseReservations,
        { ownerId: cartReservationOwner(userId), productIds: [productId] },
        ctx,
      );
      return this.storedView(em, userId);
    });
  }

  async clear(ctx: RequestContext, userId: string, releaseReservations = true): Promise<CartDto> {
    assertUser(userId);
    return this.ds.transaction(async (em) => {
      const cartId = await this.lockCart(em, userId);
      await em.query(`DELETE FROM cart.cart_items WHERE cart_id = $1`, [cartId]);
      if (releaseReservations)
        await this.rpc.call(InventoryRpc.releaseReservations, { ownerId: cartReservationOwner(userId) }, ctx);
      return this.storedView(em, userId);
    });
  }

  /** Creates the user's cart if needed and locks its row until the transaction ends. */
  private async lockCart(em: EntityManager, userId: string): Promise<string> {
    await em.query(`INSERT INTO cart.carts (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING`, [userId]);
    const [cart] = (await em.query(`SELECT id FROM cart.carts WHERE user_id = $1 FOR UPDATE`, [userId])) as {
      id: string;
    }[];
    return cart.id;
  }

  private async load(em: EntityManager, userId: string): Promise<{ rows: CartItemRow[]; updatedAt?: Date }> {
    const carts = (await em.query(`SELECT id, updated_at FROM cart.carts WHERE user_id = $1`, [userId])) as {
      id: string;
      updated_at: Date;
    }[];
    if (carts.length === 0) return { rows: [] };
    const rows = (await em.query(
      `SELECT ${CART_ITEM_COLUMNS} FROM cart.cart_items WHERE cart_id = $1 ORDER BY created_at, product_id`,
      [carts[0].id],
    )) as CartItemRow[];
    return { rows, updatedAt: carts[0].updated_at };
  }

  /** The cart from stored values only (answers of mutations: no extra round trips). */
  private async storedView(em: EntityManager, userId: string): Promise<CartDto> {
    const { rows, updatedAt } = await this.load(em, userId);
    return toCartDto(
      userId,
      rows.map((row) => toCartItem(row, undefined, false)),
      updatedAt,
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

  private async rememberLastKnown(userId: string, fresh: AvailabilityDto[]): Promise<void> {
    await this.ds.query(
      `UPDATE cart.cart_items i SET last_available = x.available, price_minor = x."amountMinor",
              currency = x.currency, name = x.name, image_url = x."imageUrl", checked_at = now()
         FROM jsonb_to_recordset($2::jsonb) AS x("productId" uuid, available int, "amountMinor" int,
              currency text, name text, "imageUrl" text), cart.carts c
        WHERE c.user_id = $1 AND i.cart_id = c.id AND i.product_id = x."productId"`,
      [
        userId,
        JSON.stringify(
          fresh.map((a) => ({
            productId: a.productId,
            available: a.available,
            amountMinor: a.price.amountMinor,
            currency: a.price.currency,
            name: a.name,
            imageUrl: a.imageUrl,
          })),
        ),
      ],
    );
  }
}
