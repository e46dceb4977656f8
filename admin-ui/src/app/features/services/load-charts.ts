import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { SERVICE_NAMES } from '@shop/contracts';
import { TimeChart } from '../../core/charts/time-chart';
import { formatMs } from '../../core/format/format';
import { LOAD_WINDOW } from './cluster-load';
import { ClusterLoadHistory } from './cluster-load-history';

/** The gateway serves HTTP, not the RPC its heartbeat counts: its rate and latency would read as idle. */
const CHARTED_SERVICES = SERVICE_NAMES.filter((name) => name !== 'gateway');

const perSecond = (v: number) => `${v < 10 ? v.toFixed(1) : Math.round(v)}/s`;

/**
 * The Service Monitor's charts over the last minute: requests per second of every instance, one chart per
 * service (how the balancers spread the load over the whole cluster), and the p99 latency of each service.
 */
@Component({
  selector: 'adm-load-charts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TimeChart],
  template: `
    <section class="card" aria-labelledby="load-charts-title" data-testid="load-charts">
      <h2 id="load-charts-title">Load over the last minute</h2>
      <p class="muted small">
        Requests served per second by each instance, counted by the instances themselves (every caller, the
        whole cluster). A stopped instance's line breaks off; when it is back its line starts again.
      </p>
      <div class="charts">
        @for (chart of rateCharts(); track chart.service) {
          <adm-time-chart
            [attr.data-chart]="'rate-' + chart.service"
            [title]="chart.service + ': requests/s per instance'"
            seriesName="Instance"
            missing="down"
            [data]="chart.data"
            [format]="perSecond"
            [windowMs]="windowMs"
          />
        }
        <adm-time-chart
          data-chart="p99"
          title="p99 latency per service"
          seriesName="Service"
          missing="down"
          [data]="p99()"
          [format]="formatMs"
          [windowMs]="windowMs"
        />
      </div>
    </section>
  `,
  styles: `
    .charts {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 320px), 1fr));
      gap: 1.25rem;
    }
  `,
})
export class LoadCharts {
  private readonly history = inject(ClusterLoadHistory);
  protected readonly perSecond = perSecond;
  protected readonly windowMs = LOAD_WINDOW.windowMs;
  protected readonly formatMs = (v: number) => formatMs(v);

  protected readonly rateCharts = computed(() => {
    const rates = this.history.load().rates;
    return CHARTED_SERVICES.filter((service) => rates[service].series.length > 0).map((service) => ({
      service,
      data: rates[service],
    }));
  });

  protected readonly p99 = computed(() => {
    const p99 = this.history.load().p99;
    return { ...p99, series: p99.series.filter((s) => s.key !== 'gateway') };
  });
}
