import { EntityManager, In, Raw } from 'typeorm';
import { Reservation } from './reservation.entity';
import { Stock } from './stock.entity';

/**
 * Locks the stock rows of `productIds` (with their products) until the transaction ends. Every transaction
 * that changes stock or holds takes these locks first and in product-id order, so two of them never wait
 * for each other in a cycle, and availability (on hand minus active holds) is read and changed by one
 * transaction at a time per product. Unknown products are simply missing from the answer.
 */
export async function lockStock(
  em: EntityManager,
  productIds: readonly string[],
): Promise<Map<string, Stock>> {
  if (productIds.length === 0) return new Map();
  const rows = await em
    .getRepository(Stock)
    .createQueryBuilder('s')
    .innerJoinAndSelect('s.product', 'p')
    .where('s.productId IN (:...ids)', { ids: [...new Set(productIds)] })
    .orderBy('s.productId')
    .setLock('pessimistic_write', undefined, ['s'])
    .getMany();
  return new Map(rows.map((s) => [s.productId, s]));
}

/**
 * The active (unexpired) holds on `productIds`, per product and owner. Read after `lockStock` (a statement of
 * its own), it sees every hold committed before the locks were granted.
 */
export async function activeHolds(em: EntityManager, productIds: readonly string[]): Promise<HeldUnits> {
  const rows =
    productIds.length === 0
      ? []
      : await em.getRepository(Reservation).findBy({
          productId: In([...new Set(productIds)]),
          expiresAt: Raw((column) => `${column} > now()`),
        });
  return new HeldUnits(rows);
}

/** Held units per product and owner, kept current by the transaction as it changes holds. */
export class HeldUnits {
  private readonly byProduct = new Map<string, Map<string, number>>();

  constructor(holds: readonly Pick<Reservation, 'productId' | 'ownerId' | 'quantity'>[] = []) {
    for (const h of holds) this.set(h.productId, h.ownerId, h.quantity);
  }

  /** The units `owner` holds on the product. */
  mine(productId: string, owner: string): number {
    return this.byProduct.get(productId)?.get(owner) ?? 0;
  }

  /** The units everyone but `owner` holds on the product. */
  others(productId: string, owner: string): number {
    let total = 0;
    for (const [o, quantity] of this.byProduct.get(productId) ?? []) if (o !== owner) total += quantity;
    return total;
  }

  /** Records that `owner` now holds `quantity` units of the product (0: no hold). */
  set(productId: string, owner: string, quantity: number): void {
    let owners = this.byProduct.get(productId);
    if (!owners) this.byProduct.set(productId, (owners = new Map()));
    if (quantity > 0) owners.set(owner, quantity);
    else owners.delete(owner);
  }
}
