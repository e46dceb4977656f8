import { DataSource, EntityManager } from 'typeorm';
import { PipelinedTransaction, Statement, StatementResult, returnedEntities } from '@shop/persistence';
import { Product } from '../catalog/product.entity';
import { STOCK_LOCK_TIMEOUT } from './pg-errors';
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

/** What `readLocked` answers: the locked stock rows (with their products), the holds, and `also`'s results. */
export interface LockedRead {
  stock: Map<string, Stock>;
  holds: HeldUnits;
  also: StatementResult[];
}

/**
 * The first round trip of a pipelined stock transaction: bounds its lock waits (STOCK_LOCK_TIMEOUT), runs
 * `first` (an order's advisory lock), locks the stock rows of `productIds` as `lockStock` does (product-id
 * order), then reads their products, the active holds on them and `also`, all after the locks are granted.
 */
export async function readLocked(
  tx: PipelinedTransaction,
  ds: DataSource,
  productIds: readonly string[],
  opts: { first?: Statement[]; also?: Statement[] } = {},
): Promise<LockedRead> {
  const ids = [...new Set(productIds)].sort();
  const first = opts.first ?? [];
  const also = opts.also ?? [];
  const reads: Statement[] =
    ids.length === 0
      ? []
      : [
          ds
            .createQueryBuilder()
            .select('s.*')
            .from(Stock, 's')
            .where('s.product_id IN (:...ids)', { ids })
            .orderBy('s.product_id')
            .setLock('pessimistic_write'),
          ds.createQueryBuilder().select('p.*').from(Product, 'p').where('p.id IN (:...ids)', { ids }),
          ds
            .createQueryBuilder()
            .select('r.*')
            .from(Reservation, 'r')
            .where('r.product_id IN (:...ids)', { ids })
            .andWhere('r.expires_at > now()'),
        ];
  const results = await tx.send(
    [`SET LOCAL lock_timeout = '${STOCK_LOCK_TIMEOUT}'`],
    ...first,
    ...reads,
    ...also,
  );
  const [stockRows, productRows, holdRows] = results.slice(1 + first.length, 1 + first.length + reads.length);
  const products = new Map(
    returnedEntities(ds.manager, Product, productRows?.rows ?? []).map((p) => [p.id, p] as const),
  );
  const stock = new Map<string, Stock>();
  for (const s of returnedEntities(ds.manager, Stock, stockRows?.rows ?? [])) {
    const product = products.get(s.productId);
    if (product) stock.set(s.productId, Object.assign(s, { product }));
  }
  return {
    stock,
    holds: new HeldUnits(returnedEntities(ds.manager, Reservation, holdRows?.rows ?? [])),
    also: results.slice(1 + first.length + reads.length),
  };
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
