import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  booleanAttribute,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { OrderDetailDto } from '@shop/contracts';
import { loadOnChange } from '../../core/api/loadable';
import { formatMoney } from '../../core/format/money';
import { PriceBreakdownView } from '../../core/pricing/price-breakdown';
import { ProblemState } from '../../core/ui/problem-state';
import { ORDER_PROGRESS, ORDER_STATUS_VIEW, formatDateTime } from './order-status';
import { OrderStatusStream } from './order-status-stream';
import { OrdersApi } from './orders-api';

/**
 * One order: its lines and the price breakdown it was charged with, payment, shipping, status progress and
 * saga timeline, reloaded on every status change.
 */
@Component({
  selector: 'sf-order-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ProblemState, PriceBreakdownView],
  template: `
    <a routerLink="/orders" class="back">← All orders</a>
    @if (order(); as o) {
      @if (placed() && o.status !== 'FAILED') {
        <p class="notice ok" role="status">
          Thank you! Your order is confirmed. A confirmation e-mail is on its way to {{ o.email }}.
        </p>
      }
      <header class="page-head">
        <h1>
          Order <code>{{ o.id.slice(0, 8) }}</code>
        </h1>
        <span class="status" [attr.data-tone]="view[o.status].tone" data-testid="status">{{
          view[o.status].label
        }}</span>
        @if (o.priority === 'vip') {
          <span class="vip">VIP priority</span>
        }
        <span class="live muted small" [class.on]="stream.state() === 'live'">
          {{ stream.state() === 'live' ? '● live' : '○ ' + stream.state() }}
        </span>
      </header>

      @if (o.status === 'FAILED') {
        <p class="notice error" role="alert">
          This order failed: {{ o.failureReason ?? 'no reason given' }}. Nothing was charged.
        </p>
      } @else {
        <ol class="progress" aria-label="Progress">
          @for (step of progress; track step; let i = $index) {
            <li [class.done]="i <= stepIndex()" [class.current]="i === stepIndex()">
              {{ view[step].label }}
            </li>
          }
        </ol>
      }

      <div class="grid">
        <section class="panel">
          <h2>Items</h2>
          <ul class="lines">
            @for (line of o.lines; track line.productId) {
              <li>
                @if (line.imageUrl) {
                  <img [src]="line.imageUrl" [alt]="line.name" width="64" height="48" />
                }
                <span class="name">
                  <a [routerLink]="['/product', line.productId]">{{ line.name }}</a>
                  <span class="muted small">{{ line.quantity }} × {{ money(line.unitPrice) }}</span>
                </span>
                <strong>{{ money(line.lineTotal) }}</strong>
              </li>
            }
          </ul>
          @if (o.pricing) {
            <sf-price-breakdown [breakdown]="o.pricing" />
          } @else {
            <p class="total">
              <span>Total</span><strong data-testid="total">{{ money(o.total) }}</strong>
            </p>
          }
        </section>
        <section class="panel facts">
          <h2>Details</h2>
          <dl>
            <dt>Placed</dt>
            <dd>{{ when(o.createdAt) }}</dd>
            <dt>Payment</dt>
            <dd data-testid="payment">
              {{ o.payment.status }}
              @if (o.payment.cardLast4) {
                · card ending {{ o.payment.cardLast4 }}
              }
              @if (o.payment.provider) {
                <span class="muted small">({{ o.payment.provider }})</span>
              }
              @if (o.payment.reason) {
                <div class="muted small">{{ o.payment.reason }}</div>
              }
            </dd>
            <dt>Shipping</dt>
            <dd>
              {{ o.shipping.status }}
              @if (o.shipping.address; as a) {
                <div class="muted small">
                  {{ a.name }}, {{ a.line1 }}, {{ a.postalCode }} {{ a.city }}, {{ a.country }}
                </div>
              }
            </dd>
            @if (o.completedAt) {
              <dt>Completed</dt>
              <dd>{{ when(o.completedAt) }}</dd>
            }
            <dt>Reference</dt>
            <dd>
              <code class="small">{{ o.correlationId }}</code>
            </dd>
          </dl>
        </section>
      </div>

      <section class="panel">
        <h2 id="timeline-heading">Timeline</h2>
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="timeline-heading">
          <table class="timeline">
            <thead>
              <tr>
                <th>Time</th>
                <th>Step</th>
                <th>Outcome</th>
                <th>Instance</th>
                <th>Detail</th>
              </tr>
            </thead>
            <tbody>
              @for (entry of o.timeline; track $index) {
                <tr [attr.data-outcome]="entry.outcome">
                  <td>{{ entry.at.slice(11, 23) }}</td>
                  <td>{{ entry.step }}</td>
                  <td class="outcome">{{ entry.outcome }}</td>
                  <td>
                    <code>{{ entry.instanceId }}</code>
                  </td>
                  <td class="small">{{ entry.detail ?? '' }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      </section>
    } @else if (error()) {
      <sf-problem-state [error]="error()" what="This order">
        <a class="button" routerLink="/orders">All orders</a>
      </sf-problem-state>
    } @else {
      <p class="muted">Loading…</p>
    }
  `,
  styles: `
    .back {
      display: inline-block;
      margin-bottom: 1rem;
    }
    .status {
      padding: 0.15rem 0.65rem;
      border-radius: 999px;
    }
    .vip {
      padding: 0.1rem 0.5rem;
      border-radius: 4px;
      background: #fbbf24;
      color: #422006;
      font-size: 0.8rem;
      font-weight: 700;
    }
    .live.on {
      color: var(--ok);
    }
    .progress {
      display: flex;
      list-style: none;
      padding: 0;
      margin: 0 0 1.25rem;
      counter-reset: step;
    }
    .progress li {
      flex: 1;
      min-width: 0;
      overflow-wrap: anywhere;
      padding: 0.5rem 0.25rem;
      text-align: center;
      border-bottom: 4px solid var(--line);
      color: var(--muted);
    }
    .progress li.done {
      border-color: var(--accent);
      color: var(--text);
    }
    .progress li.current {
      font-weight: 700;
    }
    .grid {
      display: grid;
      grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
      gap: 1rem;
    }
    .panel {
      background: var(--surface);
      border: 1px solid var(--line);
      border-radius: 10px;
      padding: 1rem;
      margin-bottom: 1rem;
    }
    .panel h2 {
      margin-top: 0;
    }
    .lines {
      list-style: none;
      padding: 0;
      display: grid;
      gap: 0.5rem;
    }
    .lines li {
      display: flex;
      align-items: center;
      gap: 0.75rem;
    }
    .lines img {
      width: 64px;
      height: 48px;
      object-fit: cover;
      border-radius: 6px;
    }
    .name {
      flex: 1;
      display: grid;
    }
    .total {
      display: flex;
      justify-content: space-between;
      border-top: 1px solid var(--line);
      padding-top: 0.6rem;
    }
    dl {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.4rem 1rem;
      margin: 0;
    }
    dt {
      color: var(--muted);
    }
    dd {
      margin: 0;
    }
    .timeline tr[data-outcome='failed'] .outcome {
      color: var(--danger);
      font-weight: 600;
    }
    .timeline tr[data-outcome='ok'] .outcome {
      color: var(--ok);
    }
    @media (max-width: 820px) {
      .grid {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    @media (max-width: 480px) {
      .progress li {
        font-size: 0.8rem;
      }
    }
  `,
})
export class OrderDetailPage {
  private readonly api = inject(OrdersApi);
  protected readonly stream = inject(OrderStatusStream);

  /** Route parameter and `?placed=1` after checkout, bound by the router. */
  readonly id = input.required<string>();
  readonly placed = input(false, { transform: booleanAttribute });

  protected readonly view = ORDER_STATUS_VIEW;
  protected readonly progress = ORDER_PROGRESS;
  protected readonly money = formatMoney;
  protected readonly when = formatDateTime;
  private readonly reloads = signal(0);
  /** The last order shown, kept while a reload runs so the page does not flicker. */
  private readonly last = signal<OrderDetailDto | undefined>(undefined);

  private readonly state = loadOnChange(
    () => ({ id: this.id(), reload: this.reloads() }),
    ({ id }) => this.api.get(id),
  );
  protected readonly order = computed(() => {
    const s = this.state();
    if (s.status === 'ok') return s.value;
    return s.status === 'loading' && this.last()?.id === this.id() ? this.last() : undefined;
  });
  protected readonly error = computed(() => {
    const s = this.state();
    return s.status === 'error' ? s.error : undefined;
  });
  protected readonly stepIndex = computed(() => {
    const status = this.order()?.status;
    return status ? ORDER_PROGRESS.indexOf(status) : -1;
  });

  constructor() {
    inject(DestroyRef).onDestroy(this.stream.connect());
    this.stream.updates.pipe(takeUntilDestroyed()).subscribe((update) => {
      if (update.orderId !== this.id()) return;
      this.last.set(this.order());
      this.reloads.update((n) => n + 1);
    });
  }
}
