import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ServiceHealth } from '@shop/contracts';
import { formatAge, formatBytes, formatCount, formatMs } from '../../core/format/format';
import { BREAKER_STYLE, STATUS_STYLE } from './instance-status';

/** One service: its instances with status, load, latency, breaker and the share of traffic routed to each. */
@Component({
  selector: 'adm-service-health-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="card">
      <header class="card-head">
        <h2>{{ service().name }}</h2>
        <span
          class="pill"
          [class.warn]="service().healthy < service().total"
          [class.bad]="service().healthy === 0"
        >
          {{ service().healthy }}/{{ service().total }} healthy
        </span>
        <span class="muted">balancing: {{ service().algorithm }}</span>
      </header>
      @if (service().instances.length === 0) {
        <p class="muted">No instance has sent a heartbeat.</p>
      } @else {
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Instance</th>
                <th>Status</th>
                <th class="num">In flight</th>
                <th class="num">Served</th>
                <th class="num">Failed</th>
                <th class="num">p50</th>
                <th class="num">p99</th>
                <th>Heartbeat</th>
                <th>Breaker</th>
                <th>Routed here</th>
                <th class="num">RSS</th>
              </tr>
            </thead>
            <tbody>
              @for (row of rows(); track row.instance.instanceId) {
                <tr
                  [attr.data-instance]="row.instance.instanceId"
                  [class.dim]="row.instance.status !== 'healthy'"
                >
                  <td>
                    <strong>{{ row.instance.instanceId }}</strong>
                    <div class="muted small">pid {{ row.instance.pid }} · {{ row.instance.host }}</div>
                  </td>
                  <td>
                    <span class="dot" [style.background]="statusStyle[row.instance.status].colour"></span>
                    <span class="status" [title]="statusStyle[row.instance.status].label">{{
                      row.instance.status
                    }}</span>
                  </td>
                  <td class="num">{{ row.instance.inFlight }}</td>
                  <td class="num">{{ format.count(row.instance.served) }}</td>
                  <td class="num">{{ format.count(row.instance.failed) }}</td>
                  <td class="num">{{ format.ms(row.instance.latencyP50Ms) }}</td>
                  <td class="num">{{ format.ms(row.instance.latencyP99Ms) }}</td>
                  <td>{{ format.age(row.instance.lastHeartbeatAgoMs) }}</td>
                  <td>
                    <span class="dot" [style.background]="breakerStyle[row.instance.breaker].colour"></span>
                    {{ row.instance.breaker }}
                  </td>
                  <td class="routed">
                    <span class="bar"><span [style.width.%]="row.share"></span></span>
                    {{ format.count(row.instance.routed) }} ({{ row.share }}%)
                  </td>
                  <td class="num">{{ format.bytes(row.instance.rssBytes) }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </article>
  `,
  styles: `
    .card-head {
      display: flex;
      align-items: baseline;
      gap: 0.75rem;
      margin-bottom: 0.5rem;
    }
    h2 {
      margin: 0;
      font-size: 1.1rem;
      text-transform: capitalize;
    }
    .routed {
      white-space: nowrap;
    }
    .bar {
      display: inline-block;
      width: 60px;
      height: 6px;
      border-radius: 3px;
      background: var(--line);
      vertical-align: middle;
      margin-right: 0.35rem;
      overflow: hidden;
    }
    .bar > span {
      display: block;
      height: 100%;
      background: var(--accent);
    }
    tr.dim td {
      opacity: 0.75;
    }
  `,
})
export class ServiceHealthCard {
  readonly service = input.required<ServiceHealth>();

  protected readonly statusStyle = STATUS_STYLE;
  protected readonly breakerStyle = BREAKER_STYLE;
  protected readonly format = { ms: formatMs, bytes: formatBytes, age: formatAge, count: formatCount };

  /** Each instance with its share (in %) of the requests this gateway routed to the service. */
  protected readonly rows = computed(() => {
    const instances = this.service().instances;
    const total = instances.reduce((sum, i) => sum + i.routed, 0);
    return instances.map((instance) => ({
      instance,
      share: total === 0 ? 0 : Math.round((instance.routed / total) * 100),
    }));
  });
}
