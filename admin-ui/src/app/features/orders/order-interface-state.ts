import { DestroyRef, Injectable, InjectionToken, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  ORDER_STATUS_EVENTS,
  type OrderDto,
  type OrderEventPayload,
  type OrderStatus,
  type TestOrderOutcome,
  type UserTier,
} from '@shop/contracts';
import { toProblem } from '@shop/web';
import { DomainEventStream } from './domain-event-stream';
import { OrdersAdminApi } from './orders-admin-api';
import { QueueMetricsStream } from './queue-metrics-stream';

/** Makes the idempotency key of a batch of test orders; tests provide predictable ones. */
export const ORDER_KEY_FACTORY = new InjectionToken<() => string>('ORDER_KEY_FACTORY', {
  providedIn: 'root',
  factory: () => () => crypto.randomUUID(),
});

const RECENT_SIZE = 20;
/** Orders whose newest streamed status is remembered, for batch answers that arrive after their events. */
const SEEN_STATUS_SIZE = 500;

/** One test order the admin placed, with how it ended. */
export interface Placement {
  key: string;
  tier: UserTier;
  at: string;
  outcome: 'sending' | 'placed' | 'failed';
  /** The generated test shopper the order was placed for. */
  shopper?: string;
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
 * orders (kept live by the admin event stream), and test orders placed by the admin API for generated test shoppers of the VIP or normal tier, each
 * with its own idempotency key.
 */
@Injectable()
export class OrderInterfaceState {
  private readonly api = inject(OrdersAdminApi);
  private readonly events = inject(DomainEventStream);
  private readonly queueStream = inject(QueueMetricsStream);
  private readonly newKey = inject(ORDER_KEY_FACTORY);

  readonly metrics = this.queueStream.value.asReadonly();
  readonly metricsError = this.queueStream.problem.asReadonly();
  readonly orders = signal<readonly OrderDto[]>([]);
  readonly ordersError = signal<string | undefined>(undefined);
  readonly placements = signal<readonly Placement[]>([]);
  readonly streamState = this.events.state;
  readonly recentEvents = this.events.recent;
  readonly sending = computed(() => this.placements().filter((p) => p.outcome === 'sending').length);
  /**
   * The newest status the event stream brought per order. A batch of test orders is answered once its last
   * order is placed, by when its first ones may be fulfilled: their answered status is older than this.
   */
  private readonly seenStatus = new Map<string, OrderStatus>();

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

  /**
   * Places `count` orders in one admin request, for generated test shoppers of `tier`, each order on one or two
   * in-stock products picked by the server. Order `n` of the batch has the key `<batch key>:<n>`.
   */
  place({ tier, count, cardNumber }: PlaceTestOrders): void {
    const batchKey = this.newKey();
    const batch = Array.from({ length: count }, (_, i): Placement => ({
      key: `${batchKey}:${i + 1}`,
      tier,
      at: new Date().toISOString(),
      outcome: 'sending',
    }));
    this.placements.update((list) => [...batch.slice().reverse(), ...list].slice(0, 50));
    this.api.testOrders({ tier, count, cardNumber }, batchKey).subscribe({
      next: (result) => {
        for (const outcome of result.orders) this.settleOutcome(outcome);
      },
      error: (err: unknown) => {
        const problem = toProblem(err);
        for (const placement of batch)
          this.settle(placement.key, {
            outcome: 'failed',
            status: `${problem.status} ${problem.code}`,
            message: problem.message,
          });
      },
    });
  }

  private settleOutcome(outcome: TestOrderOutcome): void {
    const { order, error } = outcome;
    if (order) {
      const status = this.seenStatus.get(order.id) ?? order.status;
      this.settle(outcome.idempotencyKey, {
        outcome: 'placed',
        shopper: outcome.shopperEmail,
        orderId: order.id,
        status,
      });
      this.upsert({ ...order, status });
      return;
    }
    const orderId = error?.details?.['orderId'];
    this.settle(outcome.idempotencyKey, {
      outcome: 'failed',
      shopper: outcome.shopperEmail,
      orderId: typeof orderId === 'string' ? orderId : undefined,
      status: error ? `${error.statusCode} ${error.code}` : undefined,
      message: error?.message,
    });
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

  /**
   * A status change updates the admin's test order of that id, and the listed order in place; an order not
   * listed yet brings a reload. A test order keeps following its status when newer orders push it off the list.
   */
  private applyOrderEvent(payload: OrderEventPayload): void {
    if (!payload || typeof payload.orderId !== 'string') return;
    this.seenStatus.delete(payload.orderId);
    this.seenStatus.set(payload.orderId, payload.status);
    if (this.seenStatus.size > SEEN_STATUS_SIZE) this.seenStatus.delete(this.seenStatus.keys().next().value!);
    this.placements.update((list) =>
      list.map((p) => (p.orderId === payload.orderId ? { ...p, status: payload.status } : p)),
    );
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
