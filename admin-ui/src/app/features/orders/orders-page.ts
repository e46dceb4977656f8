import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { SIMULATED_TEST_CARDS, type PriorityQueueMetrics, type UserTier } from '@shop/contracts';
import { formatMoney, formatMs } from '../../core/format/format';
import { OrderInterfaceState } from './order-interface-state';
import { QueueCharts } from './queue-charts';

const CARDS = [
  { number: SIMULATED_TEST_CARDS.approve, label: 'approve' },
  { number: SIMULATED_TEST_CARDS.decline, label: 'decline' },
  { number: SIMULATED_TEST_CARDS.insufficientFunds, label: 'insufficient funds' },
  { number: SIMULATED_TEST_CARDS.slow, label: 'slow (3 s)' },
  { number: SIMULATED_TEST_CARDS.providerError, label: 'provider error' },
];

/** Order Interface: place VIP/normal test orders and watch the priority queues and orders move, live. */
@Component({
  selector: 'adm-orders-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [OrderInterfaceState],
  imports: [QueueCharts, RouterLink],
  template: `
    <header class="page-head">
      <h1>Order Interface</h1>
      <span class="pill" [class.warn]="state.streamState() !== 'live'"
        >events: {{ state.streamState() }}</span
      >
      @if (state.metrics(); as m) {
        <span class="muted">
          weights VIP {{ m.weights.vipWeight }} : normal {{ m.weights.normalWeight
          }}{{ m.weights.strict ? ' (strict priority)' : '' }} · fulfilment {{ formatMs(m.fulfilmentMs) }} ·
          workers on {{ m.workers.instanceId }}: {{ m.workers.vipDedicated }} VIP-only +
          {{ m.workers.shared }} shared, {{ m.workers.busy }} busy
        </span>
      }
    </header>

    <section class="card place">
      <h2>Place test orders</h2>
      <div class="controls">
        <div class="segmented" role="radiogroup" aria-label="Priority">
          @for (t of tiers; track t) {
            <button
              type="button"
              role="radio"
              [attr.aria-checked]="tier() === t"
              [class.active]="tier() === t"
              (click)="tier.set(t)"
            >
              {{ t === 'vip' ? 'VIP' : 'normal' }}
            </button>
          }
        </div>
        <label>
          Orders
          <select aria-label="How many" (change)="count.set(+$any($event.target).value)">
            @for (n of counts; track n) {
              <option [value]="n" [selected]="n === count()">{{ n }}</option>
            }
          </select>
        </label>
        <label>
          Card
          <select aria-label="Test card" (change)="card.set($any($event.target).value)">
            @for (c of cards; track c.number) {
              <option [value]="c.number" [selected]="c.number === card()">
                {{ c.label }} · {{ c.number }}
              </option>
            }
          </select>
        </label>
        <button type="button" class="primary" data-testid="place" (click)="place()">
          Place {{ count() }} {{ tier() === 'vip' ? 'VIP' : 'normal' }}
          {{ count() === 1 ? 'order' : 'orders' }}
        </button>
      </div>
      <p class="muted small">
        Placed by the admin API for generated {{ tier() === 'vip' ? 'VIP' : 'normal' }} test shoppers (test
        accounts without a password; the queue follows the shopper's tier), one or two random in-stock
        products each, every order with its own Idempotency-Key.
        @if (state.sending() > 0) {
          <strong>{{ state.sending() }} in flight…</strong>
        }
      </p>
    </section>

    <section class="queues">
      @for (q of queues(); track q.priority) {
        <article class="card queue" [attr.data-priority]="q.priority">
          <h2>{{ q.priority === 'vip' ? 'VIP queue' : 'Normal queue' }}</h2>
          <div class="figures">
            <div>
              <span class="value" data-testid="depth">{{ q.depth }}</span><span class="muted">waiting</span>
            </div>
            <div>
              <span class="value">{{ q.processing }}</span><span class="muted">processing</span>
            </div>
            <div>
              <span class="value">{{ q.ratePerSecond.toFixed(2) }}</span><span class="muted">done / s</span>
            </div>
            <div>
              <span class="value">{{ formatMs(q.avgWaitMs) }}</span><span class="muted">avg wait</span>
            </div>
            <div>
              <span class="value">{{ formatMs(q.p95WaitMs) }}</span><span class="muted">p95 wait</span>
            </div>
          </div>
          <p class="muted small">
            {{ q.completedLastMinute }} completed in the last minute · p99 wait {{ formatMs(q.p99WaitMs) }}
          </p>
        </article>
      } @empty {
        <p class="card empty">{{ state.metricsError() ?? 'Loading queue metrics…' }}</p>
      }
    </section>
    @if (state.metricsError() && queues().length > 0) {
      <p class="notice error">Queue metrics: {{ state.metricsError() }}</p>
    }
    <adm-queue-charts />

    <div class="columns">
      <section class="card">
        <h2>Recent orders</h2>
        @if (state.ordersError(); as e) {
          <p class="notice error">{{ e }}</p>
        }
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Order</th>
                <th>Shopper</th>
                <th>Priority</th>
                <th>Status</th>
                <th class="num">Total</th>
                <th>Placed</th>
              </tr>
            </thead>
            <tbody>
              @for (o of state.orders(); track o.id) {
                <tr [attr.data-order]="o.id">
                  <td>
                    <a [routerLink]="['/orders', o.id]" title="Saga timeline, payment and logs"
                      ><code>{{ o.id.slice(0, 8) }}</code></a
                    >
                  </td>
                  <td>{{ o.email }}</td>
                  <td>
                    <span class="prio" [class.vip]="o.priority === 'vip'">{{ o.priority }}</span>
                  </td>
                  <td>
                    <span class="status" [attr.data-status]="o.status">{{ o.status }}</span>
                    @if (o.failureReason) {
                      <div class="muted small">{{ o.failureReason }}</div>
                    }
                  </td>
                  <td class="num">{{ money(o.total.amountMinor, o.total.currency) }}</td>
                  <td>{{ o.createdAt.slice(11, 19) }}</td>
                </tr>
              } @empty {
                <tr>
                  <td colspan="6" class="muted">No orders yet.</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      </section>
      <div>
        <section class="card">
          <h2>Your test orders</h2>
          <ul class="feed">
            @for (p of state.placements(); track p.key) {
              <li [attr.data-outcome]="p.outcome">
                <span class="prio" [class.vip]="p.tier === 'vip'">{{ p.tier }}</span>
                @if (p.orderId) {
                  <a [routerLink]="['/orders', p.orderId]"
                    ><code>{{ p.orderId.slice(0, 8) }}</code></a
                  >
                } @else {
                  <code>{{ p.key.slice(0, 8) }}</code>
                }
                {{ p.outcome }}{{ p.status ? ' · ' + p.status : '' }}
                @if (p.shopper) {
                  <span class="muted small">for {{ p.shopper }}</span>
                }
                @if (p.message) {
                  <div class="muted small">{{ p.message }}</div>
                }
              </li>
            } @empty {
              <li class="muted">None yet.</li>
            }
          </ul>
        </section>
        <section class="card">
          <h2>Domain events</h2>
          <ul class="feed">
            @for (e of state.recentEvents().slice(0, 15); track e.id) {
              <li>
                <span class="muted">{{ e.occurredAt.slice(11, 23) }}</span>
                <strong>{{ e.type }}</strong>
                <span class="muted small">from {{ e.source }}</span>
              </li>
            } @empty {
              <li class="muted">Waiting for events…</li>
            }
          </ul>
        </section>
      </div>
    </div>
  `,
  styles: `
    .controls {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: center;
    }
    .controls label {
      display: flex;
      gap: 0.4rem;
      align-items: center;
      max-width: 100%;
    }
    .controls select {
      min-width: 0;
    }
    .queues {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 1rem;
    }
    .queue[data-priority='vip'] {
      border-top: 4px solid #f59e0b;
    }
    .queue[data-priority='normal'] {
      border-top: 4px solid var(--accent);
    }
    .figures {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(4.5rem, 1fr));
      gap: 0.5rem;
    }
    .figures div {
      display: grid;
    }
    .value {
      font-size: 1.35rem;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    .columns {
      display: grid;
      grid-template-columns: 3fr 2fr;
      gap: 1rem;
    }
    .prio {
      padding: 0 0.4rem;
      border-radius: 4px;
      background: var(--line);
      font-size: 0.8rem;
    }
    .prio.vip {
      background: #fde68a;
      color: #78350f;
      font-weight: 600;
    }
    .status {
      font-weight: 600;
      font-size: 0.85rem;
    }
    .status[data-status='COMPLETED'] {
      color: var(--ok);
    }
    .status[data-status='FAILED'] {
      color: var(--danger);
    }
    .status[data-status='PROCESSING'] {
      color: var(--warn);
    }
    .feed {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 0.3rem;
      max-height: 320px;
      overflow-y: auto;
    }
    .feed li {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.4rem;
    }
    .feed li > div {
      flex-basis: 100%;
    }
    .feed li[data-outcome='failed'] {
      color: var(--danger);
    }
    .columns > * {
      min-width: 0;
    }
    @media (max-width: 1100px) {
      .queues,
      .columns {
        grid-template-columns: minmax(0, 1fr);
      }
    }
  `,
})
export class OrdersPage {
  protected readonly state = inject(OrderInterfaceState);

  protected readonly tiers: UserTier[] = ['vip', 'normal'];
  protected readonly counts = [1, 5, 20, 100];
  protected readonly cards = CARDS;
  protected readonly formatMs = formatMs;
  protected readonly money = formatMoney;

  protected readonly tier = signal<UserTier>('vip');
  protected readonly count = signal(1);
  protected readonly card = signal<string>(SIMULATED_TEST_CARDS.approve);
  /** VIP first, then normal. */
  protected readonly queues = computed<PriorityQueueMetrics[]>(() =>
    [...(this.state.metrics()?.queues ?? [])].sort((a, b) =>
      a.priority === 'vip' ? -1 : b.priority === 'vip' ? 1 : 0,
    ),
  );

  constructor() {
    this.state.start(inject(DestroyRef));
  }

  protected place(): void {
    this.state.place({ tier: this.tier(), count: this.count(), cardNumber: this.card() });
  }
}
