import { DestroyRef, Injectable, InjectionToken, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Observable, map, of, switchMap, tap } from 'rxjs';
import {
  ORDER_STATUS_EVENTS,
  type OrderDto,
  type OrderEventPayload,
  type OrderItemInput,
  type StockLevel,
  type UserTier,
} from '@shop/contracts';
import { toProblem } from '@shop/web';
import { DomainEventStream } from './domain-event-stream';
import { OrdersAdminApi } from './orders-admin-api';
import { QueueMetricsStream } from './queue-metrics-stream';
import { TestShoppers } from './test-shoppers';

/** Makes idempotency keys and picks products; tests provide predictable ones. */
export const ORDER_KEY_FACTORY = new InjectionToken<() => string>('ORDER_KEY_FACTORY', {
  providedIn: 'root',
  factory: () => () => crypto.randomUUID(),
});
export const RANDOM = new InjectionToken<() => number>('RANDOM', {
  providedIn: 'root',
  factory: () => Math.random,
});

const RECENT_SIZE = 20;

/** One test order the admin placed, with how it ended. */
export interface Placement {
  key: string;
  tier: UserTier;
  at: string;
  outcome: 'sending' | 'placed' | 'failed';
  orderId?: string;
  status?: string;
  message?: string;
}

export interface PlaceTestOrders {
  tier: UserTier;
  count: number;
  cardNumber: string;
}

/**
 * State of the Order Interface: queue metrics (the gateway's queue stream, one sample a second), the latest
 * orders (kept live by the admin event stream), and test orders placed as the demo VIP or normal shopper,
 * each with its own idempotency key.
 */
@Injectable()
export class OrderInterfaceState {
  private readonly api = inject(OrdersAdminApi);
  private readonly shoppers = inject(TestShoppers);
  private readonly events = inject(DomainEventStream);
  private readonly newKey = inject(ORDER_KEY_FACTORY);
  private readonly random = inject(RANDOM);
  private readonly queueStream = inject(QueueMetricsStream);

  readonly metrics = this.queueStream.value.asReadonly();
  readonly metricsError = this.queueStream.problem.asReadonly();
  readonly orders = signal<readonly OrderDto[]>([]);
  readonly ordersError = signal<string | undefined>(undefined);
  readonly placements = signal<readonly Placement[]>([]);
  readonly streamState = this.events.state;
  readonly recentEvents = this.events.recent;
  readonly sending = computed(() => this.placements().filter((p) => p.outcome === 'sending').length);

  private stock: StockLevel[] | undefined;

  constructor() {
    const destroyRef = inject(DestroyRef);
    destroyRef.onDestroy(this.events.connect());
    destroyRef.onDestroy(() => clearTimeout(this.reloadTimer));
    this.events.events.pipe(takeUntilDestroyed(destroyRef)).subscribe((event) => {
      if (ORDER_STATUS_EVENTS.includes(event.type)) this.applyOrderEvent(event.payload as OrderEventPayload);
    });
  }

  /** Loads the recent orders and follows the queue metrics while the page is shown. */
  start(destroyRef: DestroyRef): void {
    this.loadOrders();
    destroyRef.onDestroy(this.queueStream.connect());
  }

  loadOrders(): void {
    this.api.recent(RECENT_SIZE).subscribe({
      next: (page) => {
        this.orders.set(page.items);
        this.ordersError.set(undefined);
      },
      error: (err: unknown) => this.ordersError.set(toProblem(err).message),
    });
  }

  /** Places `count` orders at once as the tier's demo shopper, each for one or two in-stock products. */
  place({ tier, count, cardNumber }: PlaceTestOrders): void {
    const batch = Array.from({ length: count }, (): Placement => ({
      key: this.newKey(),
      tier,
      at: new Date().toISOString(),
      outcome: 'sending',
    }));
    this.placements.update((list) => [...batch.slice().reverse(), ...list].slice(0, 50));
    this.products()
      .pipe(switchMap((stock) => this.shoppers.token(tier).pipe(map((token) => ({ stock, token })))))
      .subscribe({
        next: ({ stock, token }) => {
          for (const placement of batch) {
            const items = this.pickItems(stock);
            if (items.length === 0) {
              this.settle(placement.key, { outcome: 'failed', message: 'No product has stock left' });
              continue;
            }
            this.api.placeAs(token, { items, cardNumber }, placement.key).subscribe({
              next: (order) => {
                this.settle(placement.key, { outcome: 'placed', orderId: order.id, status: order.status });
                this.upsert(order);
              },
              error: (err: unknown) => {
                const problem = toProblem(err);
                if (problem.status === 401) this.shoppers.forget(tier);
                const orderId = problem.details?.['orderId'];
                this.settle(placement.key, {
                  outcome: 'failed',
                  orderId: typeof orderId === 'string' ? orderId : undefined,
                  status: `${problem.status} ${problem.code}`,
                  message: problem.message,
                });
              },
            });
          }
        },
        error: (err: unknown) => {
          const message = `Could not start: ${toProblem(err).message}`;
          for (const placement of batch) this.settle(placement.key, { outcome: 'failed', message });
        },
      });
  }

  /** Stock levels to pick from, loaded once per page (and again when empty). */
  private products(): Observable<StockLevel[]> {
    if (this.stock && this.stock.some((s) => s.available > 0)) return of(this.stock);
    return this.api.stock().pipe(tap((stock) => (this.stock = stock)));
  }

  private pickItems(stock: readonly StockLevel[]): OrderItemInput[] {
    const inStock = stock.filter((s) => s.available > 0);
    const lines = Math.min(inStock.length, 1 + Math.floor(this.random() * 2));
    const chosen = new Set<string>();
    while (chosen.size < lines) {
      chosen.add(inStock[Math.floor(this.random() * inStock.length)].productId);
    }
    return [...chosen].map((productId) => ({ productId, quantity: 1 }));
  }

  private settle(key: string, change: Partial<Placement>): void {
    this.placements.update((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)));
  }

  private upsert(order: OrderDto): void {
    this.orders.update((list) => {
      const at = list.findIndex((o) => o.id === order.id);
      if (at === -1) return [order, ...list].slice(0, RECENT_SIZE);
      return list.map((o, i) => (i === at ? { ...o, ...order } : o));
    });
  }

  /** A status change of a listed order updates it in place; an order we do not list yet brings a reload. */
  private applyOrderEvent(payload: OrderEventPayload): void {
    if (!payload || typeof payload.orderId !== 'string') return;
    const known = this.orders().some((o) => o.id === payload.orderId);
    if (!known) {
      this.scheduleReload();
      return;
    }
    this.orders.update((list) =>
      list.map((o) =>
        o.id === payload.orderId
          ? { ...o, status: payload.status, failureReason: payload.reason ?? o.failureReason }
          : o,
      ),
    );
    this.placements.update((list) =>
      list.map((p) => (p.orderId === payload.orderId ? { ...p, status: payload.status } : p)),
    );
  }

  private reloadTimer: ReturnType<typeof setTimeout> | undefined;

  /** Bursts of events bring one reload, not one each. */
  private scheduleReload(): void {
    if (this.reloadTimer !== undefined) return;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      this.loadOrders();
    }, 500);
  }
}
