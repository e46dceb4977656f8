import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, EntityManager, In } from 'typeorm';
import { AppLogger, systemContext } from '@shop/common';
import { MESSAGING_OPTIONS, MessagingOptions } from '@shop/messaging';
import { CartEnv } from '../config/cart.env';
import { CartItem } from './cart-item.entity';
import { CartHolds, LineHold } from './cart-holds';
import { lockCarts } from './cart-locks';
import { PendingHold } from './pending-hold.entity';

/** The records of an instance's previous life, or any instance's records older than a grace period. */
type Which = { instanceId: string; before: Date } | { olderThanMs: number };

/** The most pending records one pass settles. */
const BATCH = 100;

/**
 * Settles the holds of cart changes that never finished (see CartHolds): for each pending record it sets the
 * hold back to what the stored line says (no line: the hold is released), under the cart's lock, so it is
 * ordered with the shopper's own changes. At start an instance settles the records of its previous life at
 * once; every CART_RECONCILE_MS any instance settles records older than CART_PENDING_HOLD_GRACE_MS.
 */
@Injectable()
export class HoldReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly intervalMs: number;
  private readonly graceMs: number;
  /** Records of this instance id older than this are its previous life's. */
  private readonly startedAt = new Date();
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly ds: DataSource,
    private readonly holds: CartHolds,
    private readonly logger: AppLogger,
    config: ConfigService<CartEnv, true>,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    this.intervalMs = config.get('CART_RECONCILE_MS', { infer: true });
    this.graceMs = config.get('CART_PENDING_HOLD_GRACE_MS', { infer: true });
  }

  onApplicationBootstrap(): void {
    void this.pass({ instanceId: this.options.instanceId, before: this.startedAt });
    if (this.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.pass({ olderThanMs: this.graceMs }), this.intervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One pass over the records of an instance or older than a grace period; how many it settled. */
  async pass(which: Which): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      let settled = 0;
      for (let n = BATCH; n === BATCH; settled += n) n = await this.settle(which);
      if (settled > 0)
        this.logger.write('info', `Settled the holds of ${settled} unfinished cart change(s)`, {
          context: 'HoldReconciler',
        });
      return settled;
    } catch (err) {
      this.logger.write('warn', `Settling unfinished cart changes failed: ${(err as Error).message}`, {
        context: 'HoldReconciler',
      });
      return 0;
    } finally {
      this.running = false;
    }
  }

  private settle(which: Which): Promise<number> {
    return this.ds.transaction(async (em) => {
      const query = em
        .getRepository(PendingHold)
        .createQueryBuilder('h')
        .orderBy('h.userId')
        .addOrderBy('h.productId')
        .limit(BATCH)
        // Instances settling at once each take different records.
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked');
      if ('instanceId' in which)
        query.where('h.instanceId = :id AND h.recordedAt < :before', {
          id: which.instanceId,
          before: which.before,
        });
      else
        query.where(`h.recordedAt < now() - make_interval(secs => :grace)`, {
          grace: which.olderThanMs / 1000,
        });
      const records = await query.getMany();
      if (records.length === 0) return 0;
      const lines = await storedLines(em, records);
      const ctx = systemContext('cart');
      const outcomes = await this.holds.set(ctx, lines);
      // A hold inventory refuses to set to its line (the stock went meanwhile) is released: a line without a
      // hold is what an expired hold leaves too, a hold without its line takes stock from every shopper.
      await this.holds.set(
        ctx,
        lines.filter((l, i) => l.quantity > 0 && !outcomes[i].ok).map((l) => ({ ...l, quantity: 0 })),
      );
      await em
        .getRepository(PendingHold)
        .delete(records.map(({ userId, productId }) => ({ userId, productId })));
      return records.length;
    });
  }
}

/** Each record's line as stored now (under the carts' locks): its quantity, or 0 without a line. */
async function storedLines(em: EntityManager, records: PendingHold[]): Promise<LineHold[]> {
  const carts = await lockCarts(
    em,
    records.map((r) => r.userId),
    { create: false },
  );
  const items = await em.getRepository(CartItem).findBy({
    cartId: In([...carts.values()].map((c) => c.id)),
    productId: In(records.map((r) => r.productId)),
  });
  const quantity = new Map(items.map((i) => [`${i.cartId}|${i.productId}`, i.quantity]));
  return records.map(({ userId, productId }) => ({
    userId,
    productId,
    quantity: quantity.get(`${carts.get(userId)?.id}|${productId}`) ?? 0,
  }));
}
