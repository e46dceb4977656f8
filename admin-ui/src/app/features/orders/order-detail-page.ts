import { ChangeDetectionStrategy, Component, effect, inject, input, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { formatMoney } from '../../core/format/format';
import { isCompensation, OrderDetailState } from './order-detail-state';

/**
 * One order for operators: its saga timeline (step, outcome, instance, time, correlation id) with the
 * compensations marked, its payment as the payment service stored it, and the log lines of a correlation id
 * from every service (the order's own first; click another id in the timeline to see its lines).
 */
@Component({
  selector: 'adm-order-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  providers: [OrderDetailState],
  template: `
    <a routerLink="/orders" class="back">← Order Interface</a>
    @if (state.error(); as e) {
      <p class="notice error" role="alert">{{ e }}</p>
    }
    @if (state.detail(); as d) {
      <header class="page-head">
        <h1>
          Order <code>{{ d.order.id }}</code>
        </h1>
        <span class="status" [attr.data-status]="d.order.status" data-testid="status">{{
          d.order.status
        }}</span>
        <span class="prio" [class.vip]="d.order.priority === 'vip'">{{ d.order.priority }}</span>
        <span class="muted">saga step {{ d.order.sagaStep }}</span>
        <button type="button" (click)="state.load(id())">Reload</button>
      </header>
      @if (d.order.failureReason) {
        <p class="notice error">
          Failed: {{ d.order.failureReason }}{{ d.order.failureCode ? ' (' + d.order.failureCode + ')' : '' }}
        </p>
      }

      <div class="columns">
        <section class="card">
          <h2>Order</h2>
          <dl>
            <dt>Shopper</dt>
            <dd>
              {{ d.order.email }} <code class="small">{{ d.order.userId }}</code>
            </dd>
            <dt>Total</dt>
            <dd>{{ money(d.order.total.amountMinor, d.order.total.currency) }}</dd>
            <dt>Placed</dt>
            <dd>{{ d.order.createdAt }}</dd>
            <dt>Correlation id</dt>
            <dd>
              <code>{{ d.order.correlationId }}</code>
            </dd>
          </dl>
          <ul class="lines">
            @for (line of d.order.lines; track line.productId) {
              <li>
                {{ line.quantity }} × {{ line.name }} ·
                {{ money(line.lineTotal.amountMinor, line.lineTotal.currency) }}
              </li>
            }
          </ul>
        </section>
        <section class="card" data-testid="payment">
          <h2>Payment</h2>
          @if (d.payment; as p) {
            <dl>
              <dt>Status</dt>
              <dd>
                <span class="status" [attr.data-status]="p.status">{{ p.status }}</span>
              </dd>
              <dt>Amount</dt>
              <dd>{{ money(p.amountMinor, p.currency) }}</dd>
              <dt>Provider</dt>
              <dd>{{ p.provider }} · card •••• {{ p.cardLast4 || '–' }}</dd>
              @if (p.providerRef) {
                <dt>Provider reference</dt>
                <dd>
                  <code>{{ p.providerRef }}</code>
                </dd>
              }
              @if (p.reason) {
                <dt>Reason</dt>
                <dd>{{ p.reason }}</dd>
              }
              <dt>Updated</dt>
              <dd>{{ p.updatedAt }}</dd>
            </dl>
          } @else {
            <p class="muted">{{ d.paymentError ?? 'No payment: the order never reached payment.' }}</p>
          }
        </section>
      </div>

      <section class="card">
        <h2>Saga timeline</h2>
        @if (state.compensations().length > 0) {
          <p class="muted small" data-testid="compensations">Compensated: {{ compensationSteps() }}</p>
        }
        <div class="table-wrap">
          <table class="timeline">
            <thead>
              <tr>
                <th>Time</th>
                <th>Step</th>
                <th>Outcome</th>
                <th>Instance</th>
                <th>Correlation id</th>
                <th>Detail</th>
              </tr>
            </thead>
            <tbody>
              @for (entry of d.order.timeline; track $index) {
                <tr [attr.data-outcome]="entry.outcome" [class.compensation]="isCompensation(entry)">
                  <td>{{ entry.at.slice(11, 23) }}</td>
                  <td>{{ entry.step }}</td>
                  <td class="outcome">{{ entry.outcome }}</td>
                  <td>
                    <code>{{ entry.instanceId }}</code>
                  </td>
                  <td>
                    <button
                      type="button"
                      class="link"
                      [class.active]="entry.correlationId === state.correlationId()"
                      [attr.aria-pressed]="entry.correlationId === state.correlationId()"
                      (click)="state.showLogs(entry.correlationId)"
                      title="Show the log lines of this correlation id"
                    >
                      <code>{{ entry.correlationId }}</code>
                    </button>
                  </td>
                  <td class="small">{{ entry.detail ?? '' }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      </section>

      <section class="card" data-testid="logs">
        <h2>
          Log lines of <code>{{ state.correlationId() }}</code>
        </h2>
        @if (state.logsError(); as e) {
          <p class="notice error">{{ e }}</p>
        } @else if (state.logs(); as lines) {
          <p class="muted small">
            {{ lines.length }} lines{{ state.logsTruncated() ? ' (the newest; older ones exist)' : '' }} from
            {{ state.logInstances().join(', ') || 'no instance' }}
          </p>
          <ol class="log">
            @for (line of lines; track line.id) {
              <li [attr.data-level]="line.level">
                <span class="muted">{{ line.time.slice(11, 23) }}</span>
                <span class="level">{{ line.level }}</span>
                <code>{{ line.instanceId }}</code>
                @if (line.context) {
                  <span class="muted">[{{ line.context }}]</span>
                }
                <span class="message">{{ line.message }}</span>
              </li>
            } @empty {
              <li class="muted">No log lines for this correlation id.</li>
            }
          </ol>
        } @else {
          <p class="muted">Loading the log lines…</p>
        }
      </section>
    } @else if (!state.error()) {
      <p class="card empty">Loading the order…</p>
    }
  `,
  styles: `
    .back {
      display: inline-block;
      margin-bottom: 0.5rem;
    }
    .columns {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 1rem;
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.25rem 1rem;
      margin: 0;
    }
    dt {
      color: var(--muted);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .status {
      font-weight: 600;
    }
    .status[data-status='COMPLETED'],
    .status[data-status='AUTHORIZED'] {
      color: var(--ok);
    }
    .status[data-status='FAILED'],
    .status[data-status='DECLINED'] {
      color: var(--danger);
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
    tr[data-outcome='failed'] .outcome {
      color: var(--danger);
      font-weight: 600;
    }
    tr.compensation {
      background: #fff7ed;
    }
    button.link {
      border: none;
      background: none;
      padding: 0;
      cursor: pointer;
      color: var(--accent);
      text-align: left;
    }
    button.link.active {
      font-weight: 600;
      text-decoration: underline;
    }
    .log {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 0.2rem;
      max-height: 420px;
      overflow-y: auto;
      font-size: 0.85rem;
    }
    .log li {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.5rem;
    }
    .log .message {
      flex: 1 1 20rem;
    }
    .log .level {
      text-transform: uppercase;
      font-size: 0.75rem;
      font-weight: 600;
    }
    .log li[data-level='warn'] .level {
      color: var(--warn);
    }
    .log li[data-level='error'] .level {
      color: var(--danger);
    }
    @media (max-width: 1000px) {
      .columns {
        grid-template-columns: 1fr;
      }
    }
  `,
})
export class OrderDetailPage {
  /** The order id from the route (`/orders/:id`). */
  readonly id = input.required<string>();
  protected readonly state = inject(OrderDetailState);
  protected readonly money = formatMoney;
  protected readonly isCompensation = isCompensation;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.state.load(id));
    });
  }

  protected compensationSteps(): string {
    return this.state
      .compensations()
      .map((c) => c.step)
      .join(', ');
  }
}
