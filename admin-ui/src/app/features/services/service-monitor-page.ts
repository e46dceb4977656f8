import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject } from '@angular/core';
import { ClusterHealthStream } from './cluster-health-stream';
import { ClusterLoadHistory } from './cluster-load-history';
import { LoadCharts } from './load-charts';
import { ServiceHealthCard } from './service-health-card';
import { STATUS_STYLE } from './instance-status';

/** Live view of every service and instance, fed by the gateway's health stream (one picture a second). */
@Component({
  selector: 'adm-service-monitor-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ServiceHealthCard, LoadCharts],
  template: `
    <header class="page-head">
      <h1>Service Monitor</h1>
      <span class="pill" [class.ok]="stream.state() === 'live'" [class.warn]="stream.state() !== 'live'">
        stream: {{ stream.state() }}
      </span>
      @if (health(); as h) {
        <span class="muted">as seen by {{ h.reporter }} · {{ h.generatedAt.slice(11, 19) }} UTC</span>
      }
    </header>
    @if (health(); as h) {
      <section class="summary">
        <div class="stat">
          <span class="value">{{ totals().services }}</span><span class="muted">services</span>
        </div>
        <div class="stat">
          <span class="value">{{ totals().healthy }}/{{ totals().instances }}</span>
          <span class="muted">instances healthy</span>
        </div>
        <div class="stat">
          <span class="value">{{ totals().inFlight }}</span><span class="muted">requests in flight</span>
        </div>
        <ul class="legend">
          @for (entry of legend; track entry.status) {
            <li><span class="dot" [style.background]="entry.colour"></span>{{ entry.status }}</li>
          }
        </ul>
      </section>
      <adm-load-charts />
      @for (service of h.services; track service.name) {
        <adm-service-health-card [service]="service" />
      }
    } @else {
      <p class="empty card">
        Waiting for the first picture from <code>/api/services/health/stream</code>… If this stays, check that
        the gateway is running.
      </p>
    }
  `,
  styles: `
    .summary {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: center;
      margin-bottom: 1rem;
    }
    .stat {
      display: grid;
      background: var(--surface);
      border: 1px solid var(--line);
      border-radius: 8px;
      padding: 0.5rem 1rem;
    }
    .value {
      font-size: 1.4rem;
      font-weight: 600;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      list-style: none;
      padding: 0;
      margin: 0 0 0 auto;
      font-size: 0.85rem;
    }
  `,
})
export class ServiceMonitorPage {
  protected readonly stream = inject(ClusterHealthStream);
  protected readonly health = this.stream.health;
  protected readonly legend = Object.entries(STATUS_STYLE).map(([status, style]) => ({
    status,
    colour: style.colour,
  }));

  protected readonly totals = computed(() => {
    const services = this.health()?.services ?? [];
    const instances = services.flatMap((s) => s.instances);
    return {
      services: services.length,
      instances: instances.length,
      healthy: instances.filter((i) => i.status === 'healthy').length,
      inFlight: instances.reduce((sum, i) => sum + i.inFlight, 0),
    };
  });

  constructor() {
    // The load history records every picture from the first one on.
    inject(ClusterLoadHistory);
    inject(DestroyRef).onDestroy(this.stream.connect());
  }
}
