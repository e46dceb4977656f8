import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Observable } from 'rxjs';
import { CatalogInvalidated, InventoryRpc, StockChangeDto } from '@shop/contracts';
import { AppLogger, RequestContext, systemContext } from '@shop/common';
import { OnBroadcast, RpcClient } from '@shop/messaging';

/**
 * How long stock changes gather before the streams hear of them: under load every hold and order changes
 * stock, and each stream gets at most one message a window, with each changed product once in it.
 */
export const STOCK_FEED_WINDOW_MS = 250;

/** Most product ids one availability call carries (inventory's limit). */
const AVAILABILITY_BATCH = 200;

interface Watcher {
  readonly ids: ReadonlySet<string>;
  /** Products a change message already reported (the first snapshot must not overwrite them). */
  readonly reported: Set<string>;
  next(items: StockChangeDto[]): void;
}

/**
 * Live stock for the gateway's stock streams. Inventory broadcasts `catalog-invalidated` after every product
 * or stock change commits (the same message that keeps its instances' caches honest); this feed keeps the
 * products some open stream watches, gathers their changes for STOCK_FEED_WINDOW_MS, reads their figures
 * with one availability call and hands each stream the products it watches. One call a window per gateway
 * instance, however many streams are open; nothing at all while none is. Not durable: a stream that
 * (re)connects starts with a snapshot of its products.
 */
@Injectable()
export class StockFeed implements OnModuleDestroy {
  private readonly watchers = new Set<Watcher>();
  /** How many streams watch each product. */
  private readonly watched = new Map<string, number>();
  private readonly dirty = new Set<string>();
  private timer?: NodeJS.Timeout;
  private flushing = false;

  constructor(
    private readonly rpc: RpcClient,
    private readonly logger: AppLogger,
  ) {}

  /** The products' stock now, then the ones that changed, at most once a window. */
  watch(productIds: readonly string[], ctx: RequestContext): Observable<StockChangeDto[]> {
    return new Observable<StockChangeDto[]>((subscriber) => {
      const watcher: Watcher = {
        ids: new Set(productIds),
        reported: new Set(),
        next: (items) => subscriber.next(items),
      };
      this.add(watcher);
      this.availability([...watcher.ids], ctx).then(
        (items) => {
          const fresh = items.filter((i) => !watcher.reported.has(i.productId));
          if (this.watchers.has(watcher)) subscriber.next(fresh);
        },
        (err: Error) => {
          // The page shows what it loaded; the next change brings the figures.
          this.warn(`Stock snapshot failed: ${err.message}`, ctx);
          if (this.watchers.has(watcher)) subscriber.next([]);
        },
      );
      return () => this.remove(watcher);
    });
  }

  /** How many streams are open on this instance. */
  get streams(): number {
    return this.watchers.size;
  }

  @OnBroadcast(CatalogInvalidated)
  onChanged(payload: { productIds: string[] | '*' }, _ctx: RequestContext): void {
    if (this.watched.size === 0) return;
    const ids =
      payload.productIds === '*'
        ? [...this.watched.keys()]
        : payload.productIds.filter((id) => this.watched.has(id));
    for (const id of ids) this.dirty.add(id);
    this.schedule();
  }

  onModuleDestroy(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private add(watcher: Watcher): void {
    this.watchers.add(watcher);
    for (const id of watcher.ids) this.watched.set(id, (this.watched.get(id) ?? 0) + 1);
  }

  private remove(watcher: Watcher): void {
    if (!this.watchers.delete(watcher)) return;
    for (const id of watcher.ids) {
      const left = (this.watched.get(id) ?? 1) - 1;
      if (left > 0) this.watched.set(id, left);
      else {
        this.watched.delete(id);
        this.dirty.delete(id);
      }
    }
  }

  /** One flush at a time, so the figures a stream receives never go back to older ones. */
  private schedule(): void {
    if (this.dirty.size === 0 || this.timer || this.flushing) return;
    this.timer = setTimeout(() => void this.flush(), STOCK_FEED_WINDOW_MS);
    this.timer.unref();
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const ids = [...this.dirty];
    this.dirty.clear();
    this.flushing = true;
    try {
      const items = await this.availability(ids, systemContext('gateway'));
      for (const watcher of this.watchers) {
        const mine = items.filter((i) => watcher.ids.has(i.productId));
        if (mine.length === 0) continue;
        for (const i of mine) watcher.reported.add(i.productId);
        watcher.next(mine);
      }
    } catch (err) {
      // Asked again in the next window, with whatever changed meanwhile.
      for (const id of ids) if (this.watched.has(id)) this.dirty.add(id);
      this.warn(`Stock update failed: ${(err as Error).message}`);
    } finally {
      this.flushing = false;
      this.schedule();
    }
  }

  private async availability(ids: string[], ctx: RequestContext): Promise<StockChangeDto[]> {
    const answers: StockChangeDto[] = [];
    for (let i = 0; i < ids.length; i += AVAILABILITY_BATCH) {
      const part = await this.rpc.call(
        InventoryRpc.availability,
        { productIds: ids.slice(i, i + AVAILABILITY_BATCH) },
        { ...ctx, deadline: Date.now() + 5_000 },
      );
      answers.push(...part.map((a) => ({ productId: a.productId, available: a.available, price: a.price })));
    }
    return answers;
  }

  private warn(message: string, ctx?: RequestContext): void {
    this.logger.write('warn', message, { correlationId: ctx?.correlationId, context: 'StockFeed' });
  }
}
