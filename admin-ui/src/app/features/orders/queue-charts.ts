import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TimeChart } from '../../core/charts/time-chart';
import { formatMs } from '../../core/format/format';
import { PRIORITY_COLOURS, QUEUE_WINDOW } from './queue-history';
import { QueueHistoryRecorder } from './queue-history-recorder';

const count = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

/** The priority queues over the last three minutes: depth, average wait and orders completed, per priority. */
@Component({
  selector: 'adm-queue-charts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TimeChart],
  template: `
    <section class="card" aria-labelledby="queue-charts-title" data-testid="queue-charts">
      <h2 id="queue-charts-title">Queues over the last three minutes</h2>
      <div class="charts">
        <adm-time-chart
          data-chart="depth"
          title="Orders waiting"
          seriesName="Queue"
          [data]="history().depth"
          [format]="count"
          [colours]="colours"
          [windowMs]="windowMs"
        />
        <adm-time-chart
          data-chart="wait"
          title="Average wait (last 5 min)"
          seriesName="Queue"
          [data]="history().wait"
          [format]="formatMs"
          [colours]="colours"
          [windowMs]="windowMs"
        />
        <adm-time-chart
          data-chart="completed"
          title="Completed in the last minute"
          seriesName="Queue"
          [data]="history().completed"
          [format]="count"
          [colours]="colours"
          [windowMs]="windowMs"
        />
      </div>
    </section>
  `,
  styles: `
    .charts {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 280px), 1fr));
      gap: 1.25rem;
    }
  `,
})
export class QueueCharts {
  protected readonly history = inject(QueueHistoryRecorder).history;
  protected readonly colours = PRIORITY_COLOURS;
  protected readonly windowMs = QUEUE_WINDOW.windowMs;
  protected readonly count = count;
  protected readonly formatMs = (v: number) => formatMs(v);
}
