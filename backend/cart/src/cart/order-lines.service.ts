import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  CartLineQuantity,
  OrderLinesResult,
  RemoveOrderLinesRequest,
  RestoreOrderLinesRequest,
} from '@shop/contracts';
import { AppError, RequestContext, isUuid } from '@shop/common';
import { CartHolds } from './cart-holds';
import { lockCart } from './cart-locks';
import { CartItem } from './cart-item.entity';
import { CartOrderRecord, TakenLine } from './cart-order-record.entity';
import { Cart } from './cart.entity';
import { planGiveBack, planTake } from './order-lines';

const MAX_LINES = 100;
const MAX_QUANTITY = 10_000;

/**
 * The cart side of an order, both keyed by the order id: `remove` takes the ordered units out of the cart
 * (the checkout saga's step before it confirms), `restore` gives them back when the order fails. Each runs in
 * one cart transaction under the cart's row lock, the lock every cart change takes (the change batcher's
 * batches included), so it is ordered with the shopper's adds on any cart instance; it does not join a
 * batch, whose changes hold one product each. Inside it, the cart's holds on the order's products are set
 * to the lines' new quantities (absolute, like every cart change), which also repairs a hold an add set
 * between the order's stock deduction and this step.
 */
@Injectable()
export class OrderLinesService {
  constructor(
    private readonly ds: DataSource,
    private readonly holds: CartHolds,
  ) {}

  async remove(ctx: RequestContext, req: RemoveOrderLinesRequest): Promise<OrderLinesResult> {
    const { userId, orderId } = checkOrder(req);
    const ordered = checkLines(req.lines);
    return this.ds.transaction(async (em) => {
      const cartId = await lockCart(em, userId);
      const records = em.getRepository(CartOrderRecord);
      const earlier = await records.findOneBy({ orderId });
      if (earlier?.restored)
        throw AppError.conflict(
          `Order ${orderId} was cancelled and its cart lines given back; they cannot be taken again`,
          { orderId },
        );
      if (earlier) return { lines: quantities(earlier.lines), repeated: true };
      const items = await itemsOf(
        em,
        cartId,
        ordered.map((l) => l.productId),
      );
      const plan = planTake(quantitiesOf(items), ordered);
      await this.setLines(ctx, em, { userId, cartId }, plan.left, items);
      await records.insert({
        orderId,
        userId,
        lines: plan.taken.map((t) => snapshot(items.get(t.productId)!, t.quantity)),
        restored: false,
      });
      return { lines: plan.taken, repeated: false };
    });
  }

  async restore(ctx: RequestContext, req: RestoreOrderLinesRequest): Promise<OrderLinesResult> {
    const { userId, orderId } = checkOrder(req);
    const productIds = checkProductIds(req.productIds);
    // Giving lines back raises their holds before the lines are stored: recorded as pending (see CartHolds).
    const record = await this.ds.getRepository(CartOrderRecord).findOneBy({ orderId });
    const lines = [...productIds, ...(record?.lines ?? []).map((l) => l.productId)].map((productId) => ({
      userId,
      productId,
    }));
    return this.holds.whilePending(lines, () => this.giveBack(ctx, userId, orderId, productIds));
  }

  private giveBack(
    ctx: RequestContext,
    userId: string,
    orderId: string,
    productIds: string[],
  ): Promise<OrderLinesResult> {
    return this.ds.transaction(async (em) => {
      const cartId = await lockCart(em, userId);
      const records = em.getRepository(CartOrderRecord);
      const record = await records.findOneBy({ orderId });
      if (record?.restored) return { lines: quantities(record.lines), repeated: true };
      const returned = record?.lines ?? [];
      const ids = [...new Set([...productIds, ...returned.map((l) => l.productId)])];
      const items = await itemsOf(em, cartId, ids);
      const current = quantitiesOf(items);
      const back = new Map(planGiveBack(current, quantities(returned)).map((l) => [l.productId, l.quantity]));
      const lines = ids.map((productId) => ({
        productId,
        quantity: back.get(productId) ?? current.get(productId) ?? 0,
      }));
      const snapshots = new Map(returned.map((l) => [l.productId, l]));
      await this.setLines(ctx, em, { userId, cartId }, lines, items, snapshots);
      if (record) await records.update({ id: record.id }, { restored: true });
      else await records.insert({ orderId, userId, lines: [], restored: true });
      return { lines: quantities(returned), repeated: false };
    });
  }

  /**
   * Sets each product's line to its quantity (0: the line goes) and the cart's hold on it to the same total
   * (one `reserveBatch` call). A hold inventory refuses (an expired hold whose units are gone) leaves the line
   * without one, as an expired hold always has; a failure of the call itself rolls everything back.
   */
  private async setLines(
    ctx: RequestContext,
    em: EntityManager,
    cart: { userId: string; cartId: string },
    lines: CartLineQuantity[],
    items: Map<string, CartItem>,
    snapshots = new Map<string, TakenLine>(),
  ): Promise<void> {
    if (lines.length === 0) return;
    const outcomes = await this.holds.set(
      ctx,
      lines.map((l) => ({ userId: cart.userId, ...l })),
    );
    const repo = em.getRepository(CartItem);
    const gone = lines.filter((l) => l.quantity === 0 && items.has(l.productId)).map((l) => l.productId);
    if (gone.length > 0) await repo.delete({ cartId: cart.cartId, productId: In(gone) });
    for (const [i, line] of lines.entries()) {
      if (line.quantity === 0) continue;
      const outcome = outcomes[i];
      const held = outcome?.ok ? outcome.reservation : undefined;
      const fresh = held
        ? { reservedUntil: new Date(held.expiresAt), lastAvailable: held.available, checkedAt: new Date() }
        : {};
      const item = items.get(line.productId);
      const saved = snapshots.get(line.productId);
      if (item) await repo.update({ id: item.id }, { quantity: line.quantity, ...fresh });
      else if (saved)
        await repo.insert({
          cartId: cart.cartId,
          productId: line.productId,
          quantity: line.quantity,
          name: saved.name,
          imageUrl: saved.imageUrl,
          priceMinor: saved.priceMinor,
          currency: saved.currency,
          lastAvailable: saved.lastAvailable,
          checkedAt: new Date(),
          reservedUntil: new Date(),
          ...fresh,
        });
    }
    await em
      .createQueryBuilder()
      .update(Cart)
      .set({ updatedAt: () => 'now()' })
      .where('id = :id', { id: cart.cartId })
      .execute();
  }
}

async function itemsOf(
  em: EntityManager,
  cartId: string,
  productIds: string[],
): Promise<Map<string, CartItem>> {
  const items = await em.getRepository(CartItem).findBy({ cartId, productId: In(productIds) });
  return new Map(items.map((i) => [i.productId, i]));
}

function quantitiesOf(items: Map<string, CartItem>): Map<string, number> {
  return new Map([...items].map(([productId, item]) => [productId, item.quantity]));
}

function quantities(lines: TakenLine[]): CartLineQuantity[] {
  return lines.map((l) => ({ productId: l.productId, quantity: l.quantity }));
}

function snapshot(item: CartItem, quantity: number): TakenLine {
  return {
    productId: item.productId,
    quantity,
    name: item.name,
    imageUrl: item.imageUrl,
    priceMinor: item.priceMinor,
    currency: item.currency.trim(),
    lastAvailable: item.lastAvailable,
  };
}

function checkOrder(req: { userId?: unknown; orderId?: unknown } | undefined): {
  userId: string;
  orderId: string;
} {
  const userId = req?.userId;
  const orderId = req?.orderId;
  if (typeof userId !== 'string' || userId.length === 0 || userId.length > 200)
    throw AppError.badRequest('userId must be a non-empty string');
  if (typeof orderId !== 'string' || orderId.length === 0 || orderId.length > 200)
    throw AppError.badRequest('orderId must be a non-empty string of at most 200 characters');
  return { userId, orderId };
}

function checkLines(lines: unknown): CartLineQuantity[] {
  if (!Array.isArray(lines) || lines.length === 0 || lines.length > MAX_LINES)
    throw AppError.badRequest(`lines must hold 1 to ${MAX_LINES} lines`);
  return lines.map((line: Partial<CartLineQuantity> | undefined, i) => {
    if (!isUuid(line?.productId)) throw AppError.badRequest(`lines.${i}.productId must be a product id`);
    const quantity = line.quantity;
    if (!Number.isInteger(quantity) || (quantity as number) < 1 || (quantity as number) > MAX_QUANTITY)
      throw AppError.badRequest(`lines.${i}.quantity must be an integer from 1 to ${MAX_QUANTITY}`);
    return { productId: line.productId.toLowerCase(), quantity: quantity as number };
  });
}

function checkProductIds(ids: unknown): string[] {
  if (!Array.isArray(ids) || ids.length > MAX_LINES || !ids.every(isUuid))
    throw AppError.badRequest(`productIds must be an array of at most ${MAX_LINES} product ids`);
  return ids.map((id) => id.toLowerCase());
}
