import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  numberAttribute,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { OrderDto, OrderPage } from '@shop/contracts';
import { loadOnChange } from '../../core/api/loadable';
import { formatMoney } from '../../core/format/money';
import { ProblemState } from '../../core/ui/problem-state';
import { ORDER_STATUS_VIEW, formatDateTime } from './order-status';
import { OrderStatusStream } from './order-status-stream';
import { OrdersApi } from './orders-api';

const PAGE_SIZE = 10;

/** The shopper's order history (`GET /api/orders`), with statuses kept live by the order stream. */
@Component({
  selector: 'sf-orders-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ProblemState],
  template: `
    <header class="page-head">
      <h1>Your orders</h1>
      <span class="live muted small" [class.on]="stream.state() === 'live'">
        {{ stream.state() === 'live' ? '● live' : '○ ' + stream.state() }}
      </span>
    </header>
    @switch (state().status) {
      @case ('loading') {
        <p class="muted">Loading…</p>
      }
      @case ('error') {
        <sf-problem-state [error]="error()" what="Order history">
          <a class="button" routerLink="/shop">Continue shopping</a>
        </sf-problem-state>
      }
      @case ('ok') {
        @if (orders().length === 0) {
          <section class="state">
            <h2>No orders yet</h2>
            <p>When you place an order, it shows here with its status.</p>
            <a class="button primary" routerLink="/shop">Start shopping</a>
          </section>
        } @else {
          <div class="table-scroll" tabindex="0" role="region" aria-label="Your orders">
            <table>
              <thead>
                <tr>
                  <th>Order</th>
                  <th>Placed</th>
                  <th>Items</th>
                  <th>Total</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                @for (order of orders(); track order.id) {
                  <tr [attr.data-order]="order.id">
                    <td>
                      <a [routerLink]="['/orders', order.id]"
                        ><code>{{ order.id.slice(0, 8) }}</code></a
                      >
                      @if (order.priority === 'vip') {
                        <span class="vip">VIP</span>
                      }
                    </td>
                    <td>{{ when(order.createdAt) }}</td>
                    <td>{{ itemCount(order) }}</td>
                    <td>{{ money(order.total) }}</td>
                    <td>
                      <span class="status" [attr.data-tone]="view[order.status].tone">{{
                        view[order.status].label
                      }}</span>
                      @if (order.failureReason) {
                        <div class="muted small">{{ order.failureReason }}</div>
                      }
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
          @if (pages() > 1) {
            <nav class="pager" aria-label="Pages">
              <button type="button" [disabled]="page() <= 1" (click)="goTo(page() - 1)">Previous</button>
              <span>Page {{ page() }} of {{ pages() }}</span>
              <button type="button" [disabled]="page() >= pages()" (click)="goTo(page() + 1)">Next</button>
            </nav>
          }
        }
      }
    }
  `,
  styles: `
    .live.on {
      color: var(--ok);
    }
    .vip {
      margin-left: 0.4rem;
      padding: 0 0.35rem;
      border-radius: 4px;
      background: #fbbf24;
      color: #422006;
      font-size: 0.7rem;
      font-weight: 700;
    }
    .status {
      display: inline-block;
      padding: 0.1rem 0.55rem;
      border-radius: 999px;
      font-size: 0.85rem;
    }
    .pager {
      display: flex;
      gap: 1rem;
      align-items: center;
      justify-content: center;
      margin-top: 1rem;
    }
  `,
})
export class OrdersPage {
  private readonly api = inject(OrdersApi);
  private readonly router = inject(Router);
  protected readonly stream = inject(OrderStatusStream);

  /** Query parameter, bound by the router. */
  readonly page = input(1, { transform: (v: unknown) => Math.max(1, numberAttribute(v, 1)) });

  protected readonly view = ORDER_STATUS_VIEW;
  protected readonly money = formatMoney;
  protected readonly when = formatDateTime;
  /** Bumped to reload the page when an order we do not list yet changes. */
  private readonly reloads = signal(0);
  /** Statuses heard on the stream since the page loaded, by order id. */
  private readonly live = signal<ReadonlyMap<string, Pick<OrderDto, 'status' | 'failureReason'>>>(new Map());

  protected readonly state = loadOnChange(
    () => ({ page: this.page(), reload: this.reloads() }),
    ({ page }) => this.api.list(page, PAGE_SIZE),
  );
  private readonly loaded = computed<OrderPage | undefined>(() => {
    const s = this.state();
    return s.status === 'ok' ? s.value : undefined;
  });
  protected readonly orders = computed(() => {
    const live = this.live();
    return (this.loaded()?.items ?? []).map((o) => ({ ...o, ...live.get(o.id) }));
  });
  protected readonly pages = computed(() => {
    const p = this.loaded();
    return p ? Math.max(1, Math.ceil(p.total / p.pageSize)) : 1;
  });
  protected readonly error = computed(() => {
    const s = this.state();
    return s.status === 'error' ? s.error : undefined;
  });

  constructor() {
    inject(DestroyRef).onDestroy(this.stream.connect());
    this.stream.updates.pipe(takeUntilDestroyed()).subscribe((update) => {
      const known = this.loaded()?.items.some((o) => o.id === update.orderId);
      if (!known) {
        if (this.page() === 1) this.reloads.update((n) => n + 1);
        return;
      }
      this.live.update((map) =>
        new Map(map).set(update.orderId, { status: update.status, failureReason: update.reason }),
      );
    });
  }

  protected itemCount(order: OrderDto): number {
    return order.items.reduce((sum, i) => sum + i.quantity, 0);
  }

  protected goTo(page: number): void {
    void this.router.navigate([], { queryParams: { page }, queryParamsHandling: 'merge' });
  }
}
