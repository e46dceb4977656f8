import { DestroyRef, Injectable, Injector, effect, inject, signal, untracked } from '@angular/core';
import { STOCK_STREAM_EVENT } from '@shop/contracts';
import type { Money, StockChangeDto, StockStreamMessage } from '@shop/contracts';
import { EVENT_SOURCE_FACTORY, SharedEventStream, parseEvent } from '@shop/web';

export const STOCK_STREAM_URL = '/api/stock/stream';

/** The stream's address for these products (sorted, so one list is always one address). */
export function stockStreamUrl(productIds: readonly string[]): string {
  return `${STOCK_STREAM_URL}?productIds=${productIds.map(encodeURIComponent).join(',')}`;
}

function isMessage(value: unknown): value is StockStreamMessage {
  const items = (value as Partial<StockStreamMessage> | null)?.items;
  return (
    Array.isArray(items) &&
    items.every(
      (i: Partial<StockChangeDto> | null) =>
        typeof i?.productId === 'string' && typeof i.available === 'number' && typeof i.price === 'object',
    )
  );
}

/**
 * Live stock of the products a page shows (`GET /api/stock/stream`, server-sent events), provided once per
 * page: one connection for the page's products, opened again when the list changes and closed with the
 * page. The browser's EventSource reconnects by itself; each connection starts with every product's
 * figures, so nothing missed while it was away stays wrong.
 */
@Injectable()
export class LiveStock {
  private readonly injector = inject(Injector);
  private readonly figures = signal<ReadonlyMap<string, StockChangeDto>>(new Map());
  private productIds: readonly string[] = [];
  private release: (() => void) | undefined;

  private readonly stream = new SharedEventStream({
    open: inject(EVENT_SOURCE_FACTORY),
    prepare: (connect, giveUp) =>
      this.productIds.length > 0 ? connect(stockStreamUrl(this.productIds)) : giveUp(),
    handlers: { [STOCK_STREAM_EVENT]: (data) => this.receive(data), keepalive: () => undefined },
    reopenAfterMs: 3000,
  });

  /** Whether the stream is live, connecting or reconnecting. */
  readonly state = this.stream.state.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.release?.());
  }

  /** Follows the products `productIds()` names, for as long as the page lives. */
  follow(productIds: () => readonly string[]): void {
    effect(
      () => {
        const ids = [...new Set(productIds())].sort();
        untracked(() => this.watch(ids));
      },
      { injector: this.injector },
    );
  }

  /** The product's latest figures from the stream, or undefined before it reported any. */
  of(productId: string): StockChangeDto | undefined {
    return this.figures().get(productId);
  }

  /** The product with its live availability and price (as it is until the stream reports them). */
  apply<T extends { id: string; available: number; price: Money }>(product: T): T {
    const live = this.of(product.id);
    return live ? { ...product, available: live.available, price: live.price } : product;
  }

  private watch(ids: readonly string[]): void {
    if (ids.join(',') === this.productIds.join(',')) return;
    this.productIds = ids;
    this.release?.();
    this.release = ids.length > 0 ? this.stream.connect() : undefined;
  }

  private receive(data: string): void {
    const message = parseEvent(data, isMessage);
    if (!message || message.items.length === 0) return;
    this.figures.update((current) => {
      const next = new Map(current);
      for (const item of message.items) next.set(item.productId, item);
      return next;
    });
  }
}
