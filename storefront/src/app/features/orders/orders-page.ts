import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Page } from '@shop/contracts';
import { loadOnChange } from '../../core/api/loadable';
import { ProblemState } from '../../core/ui/problem-state';

/** The columns this page shows; the full order contract arrives with the orders service. */
interface OrderRow {
  id: string;
  status: string;
  createdAt: string;
}

/** The shopper's order history (`GET /api/orders`). */
@Component({
  selector: 'sf-orders-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ProblemState],
  template: `
    <h1>Your orders</h1>
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
          <table>
            <thead>
              <tr>
                <th>Order</th>
                <th>Placed</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              @for (order of orders(); track order.id) {
                <tr>
                  <td>
                    <code>{{ order.id.slice(0, 8) }}</code>
                  </td>
                  <td>{{ order.createdAt.slice(0, 16).replace('T', ' ') }}</td>
                  <td>{{ order.status }}</td>
                </tr>
              }
            </tbody>
          </table>
        }
      }
    }
  `,
})
export class OrdersPage {
  private readonly http = inject(HttpClient);

  protected readonly state = loadOnChange(
    () => 1,
    (page) => this.http.get<Page<OrderRow>>('/api/orders', { params: { page } }),
  );
  protected readonly orders = computed(() => {
    const s = this.state();
    return s.status === 'ok' && Array.isArray(s.value.items) ? s.value.items : [];
  });
  protected readonly error = computed(() => {
    const s = this.state();
    return s.status === 'error' ? s.error : undefined;
  });
}
