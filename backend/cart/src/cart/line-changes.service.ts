import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { CartDto } from '@shop/contracts';
import { RequestContext } from '@shop/common';
import { CartItem } from './cart-item.entity';
import { CartHolds } from './cart-holds';
import { itemsOfCarts, lockCarts } from './cart-locks';
import { toCartDto, toCartItem } from './cart-view';
import { BatchOutcome } from './change-batcher';
import { Cart } from './cart.entity';
import { ChangeRecords, KeyedChange, replay } from './change-records';

/** An add or quantity change of one cart line: the new quantity follows from the current one (or throws). */
export interface LineChange {
  ctx: RequestContext;
  userId: string;
  productId: string;
  nextQuantity: (current: number | undefined) => number;
  /** The change's idempotency key and what it asks: a key already recorded answers its first outcome. */
  keyed?: KeyedChange;
}

/**
 * Applies line changes of distinct shoppers in one cart transaction: lock their carts, compute each line's
 * new quantity, set every hold to it with one inventory call, store the lines whose hold was set and answer
 * each shopper's cart. Each change gets its cart or its own error; when the inventory call itself fails
 * (timeout, no instance), everything rolls back and every change fails with that error. A change with an
 * idempotency key already recorded is answered with its recorded outcome and not applied again; the
 * outcomes of keyed changes are recorded in the same transaction.
 */
@Injectable()
export class LineChangesService {
  constructor(
    private readonly ds: DataSource,
    private readonly holds: CartHolds,
    private readonly records: ChangeRecords,
  ) {}

  async apply(changes: LineChange[]): Promise<BatchOutcome<CartDto>[]> {
    return this.holds.whilePending(changes, () =>
      this.ds.transaction(async (em) => {
        const carts = await lockCarts(
          em,
          changes.map((c) => c.userId),
        );
        const current = await currentLines(em, carts, changes);
        const keyed = changes.flatMap((c) => (c.keyed ? [c.keyed] : []));
        const recorded = await this.records.find(em, keyed);
        const outcomes: BatchOutcome<CartDto>[] = new Array(changes.length);
        const planned: { index: number; change: LineChange; cart: Cart; quantity: number }[] = [];
        changes.forEach((change, index) => {
          const cart = carts.get(change.userId)!;
          const record = change.keyed && recorded.get(`${change.keyed.userId}|${change.keyed.key}`);
          if (record) {
            outcomes[index] = replay(record, change.keyed!);
            return;
          }
          try {
            const quantity = change.nextQuantity(current.get(`${cart.id}|${change.productId}`)?.quantity);
            planned.push({ index, change, cart, quantity });
          } catch (error) {
            outcomes[index] = { ok: false, error };
          }
        });
        const held = await this.holds.set(
          batchContext(planned.map((p) => p.change.ctx)),
          planned.map((p) => ({
            userId: p.change.userId,
            productId: p.change.productId,
            quantity: p.quantity,
          })),
        );
        const stored = planned.flatMap((p, i) => {
          const outcome = held[i];
          if (!outcome.ok) {
            outcomes[p.index] = { ok: false, error: outcome.error };
            return [];
          }
          const r = outcome.reservation;
          return [
            {
              cartId: p.cart.id,
              productId: p.change.productId,
              quantity: p.quantity,
              name: r.name,
              imageUrl: r.imageUrl,
              priceMinor: r.price.amountMinor,
              currency: r.price.currency,
              lastAvailable: r.available,
              checkedAt: () => 'now()',
              reservedUntil: new Date(r.expiresAt),
            },
          ];
        });
        if (stored.length > 0) {
          await em
            .createQueryBuilder()
            .insert()
            .into(CartItem)
            .values(stored)
            .orUpdate(
              [
                'quantity',
                'name',
                'image_url',
                'price_minor',
                'currency',
                'last_available',
                'checked_at',
                'reserved_until',
                'updated_at',
              ],
              ['cart_id', 'product_id'],
            )
            .updateEntity(false)
            .execute();
          await em
            .getRepository(Cart)
            .update({ id: In(stored.map((s) => s.cartId)) }, { updatedAt: () => 'now()' });
        }
        const itemsOf = await itemsOfCarts(
          em,
          stored.map((s) => s.cartId),
        );
        const at = new Date();
        for (const p of planned) {
          if (outcomes[p.index]) continue;
          const items = (itemsOf.get(p.cart.id) ?? []).map((item) => toCartItem(item, undefined, false));
          outcomes[p.index] = { ok: true, value: toCartDto(p.change.userId, items, at) };
        }
        await this.records.save(
          em,
          changes.flatMap((change, index) =>
            change.keyed && !recorded.has(`${change.keyed.userId}|${change.keyed.key}`)
              ? [{ change: change.keyed, outcome: outcomes[index] }]
              : [],
          ),
        );
        return outcomes;
      }),
    );
  }
}

/** The stored lines the changes touch, keyed `<cart id>|<product id>`. */
async function currentLines(
  em: EntityManager,
  carts: Map<string, Cart>,
  changes: LineChange[],
): Promise<Map<string, CartItem>> {
  const items = await em.getRepository(CartItem).findBy({
    cartId: In([...carts.values()].map((c) => c.id)),
    productId: In(changes.map((c) => c.productId)),
  });
  return new Map(items.map((i) => [`${i.cartId}|${i.productId}`, i]));
}

/**
 * The context of a batch's inventory call: the first request's correlation id (its logs name that request)
 * and the latest deadline, so no request is cut short by another's (a request past its own deadline only
 * gets an answer nobody waits for).
 */
function batchContext(contexts: RequestContext[]): RequestContext {
  const deadlines = contexts.map((c) => c.deadline);
  const deadline = deadlines.every((d): d is number => d !== undefined) ? Math.max(...deadlines) : undefined;
  return { correlationId: contexts[0]?.correlationId ?? '', caller: { service: 'cart' }, deadline };
}
