import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  viewChild,
} from '@angular/core';
import type uPlot from 'uplot';
import { colourFor } from './chart-colours';
import { type TimeSeries, latest, peak } from './time-series';

let nextId = 0;
const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * A line chart of a time series (uPlot, loaded with the first chart), with its text alternative: the chart is
 * an image labelled with each series' latest value, and the table under it (which is also the legend) gives
 * each series' latest and peak value. A null value breaks the line (the series dropped out). The chart takes
 * the width of its container and follows it.
 */
@Component({
  selector: 'adm-time-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure [attr.aria-labelledby]="id">
      <figcaption [id]="id">{{ title() }}</figcaption>
      <div #plot class="plot" role="img" [attr.aria-label]="description()" [style.height.px]="height()"></div>
      <table class="values">
        <thead>
          <tr>
            <th scope="col">{{ seriesName() }}</th>
            <th scope="col" class="num">Now</th>
            <th scope="col" class="num">Peak</th>
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track row.key) {
            <tr [attr.data-series]="row.key" [class.out]="row.latest === null">
              <th scope="row">
                <span class="swatch" [style.background]="row.colour" aria-hidden="true"></span>{{ row.label }}
              </th>
              <td class="num">{{ row.latestText }}</td>
              <td class="num">{{ row.peakText }}</td>
            </tr>
          } @empty {
            <tr>
              <td colspan="3" class="muted">No samples yet.</td>
            </tr>
          }
        </tbody>
      </table>
    </figure>
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    figure {
      margin: 0;
      min-width: 0;
    }
    figcaption {
      font-weight: 600;
      margin-bottom: 0.35rem;
    }
    .plot {
      width: 100%;
      overflow: hidden;
    }
    .values {
      font-size: 0.85rem;
      margin-top: 0.35rem;
    }
    .values th,
    .values td {
      padding: 0.15rem 0.4rem;
    }
    .values tbody th {
      font-weight: 500;
      color: var(--text);
      text-transform: none;
      letter-spacing: 0;
      font-size: inherit;
      overflow-wrap: anywhere;
    }
    .swatch {
      display: inline-block;
      width: 0.8rem;
      height: 0.25rem;
      border-radius: 2px;
      margin-right: 0.4rem;
      vertical-align: middle;
    }
    tr.out td {
      color: var(--muted);
    }
  `,
})
export class TimeChart {
  readonly title = input.required<string>();
  readonly data = input.required<TimeSeries>();
  /** Heading of the series column of the table (e.g. "Instance"). */
  readonly seriesName = input('Series');
  /** How a value reads (axis and table). */
  readonly format = input<(value: number) => string>((v) => String(Math.round(v * 10) / 10));
  /** What a series without a value now reads as (e.g. "down"). */
  readonly missing = input('no data');
  /** Fixed colours by series key; other series take a stable colour from the palette. */
  readonly colours = input<Readonly<Record<string, string>>>({});
  readonly height = input(170);
  /** The time the x axis spans, ending at the newest row (the chart slides along as rows arrive). */
  readonly windowMs = input(60_000);

  protected readonly id = `adm-chart-${++nextId}`;
  private readonly plotRef = viewChild.required<ElementRef<HTMLDivElement>>('plot');

  protected readonly rows = computed(() => {
    const format = this.format();
    return this.data().series.map((s) => {
      const now = latest(s);
      const max = peak(s);
      return {
        key: s.key,
        label: s.label,
        colour: this.colourOf(s.key),
        latest: now,
        latestText: now === null ? this.missing() : format(now),
        peakText: max === null ? '–' : format(max),
      };
    });
  });

  /** The chart's accessible name: what it shows and each series' value now. */
  protected readonly description = computed(() => {
    const rows = this.rows();
    if (rows.length === 0) return `${this.title()}: no samples yet`;
    return `${this.title()}. Now: ${rows.map((r) => `${r.label} ${r.latestText}`).join(', ')}`;
  });

  private plot: uPlot | undefined;
  private plotKeys = '';
  private create: ((opts: uPlot.Options, data: uPlot.AlignedData, el: HTMLElement) => uPlot) | undefined;
  private observer: ResizeObserver | undefined;
  private destroyed = false;

  constructor() {
    afterNextRender(() => void this.load());
    effect(() => this.draw(this.data()));
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.observer?.disconnect();
      this.plot?.destroy();
    });
  }

  /** Loads uPlot once a chart is on screen; without a real canvas (unit tests) the table stands alone. */
  private async load(): Promise<void> {
    if (typeof matchMedia !== 'function' || typeof ResizeObserver !== 'function') return;
    const { default: UPlot } = await import('uplot');
    if (this.destroyed) return;
    this.create = (opts, data, el) => new UPlot(opts, data, el);
    const el = this.plotRef().nativeElement;
    this.observer = new ResizeObserver(() =>
      this.plot?.setSize({ width: el.clientWidth, height: this.height() }),
    );
    this.observer.observe(el);
    this.draw(this.data());
  }

  private draw(data: TimeSeries): void {
    if (!this.create) return;
    const aligned: uPlot.AlignedData = [
      data.times.map((t) => t / 1000),
      ...data.series.map((s) => s.values as (number | null)[]),
    ];
    const keys = data.series.map((s) => `${s.key}:${s.label}`).join('|');
    if (this.plot && keys === this.plotKeys) {
      this.plot.setData(aligned);
      return;
    }
    // A series joined or left: the chart is built anew with the current set.
    this.plot?.destroy();
    this.plotKeys = keys;
    this.plot = this.create(this.options(data), aligned, this.plotRef().nativeElement);
  }

  private options(data: TimeSeries): uPlot.Options {
    const format = this.format();
    const axis = { stroke: '#4b5563', grid: { stroke: '#e5e7eb', width: 1 }, ticks: { show: false } };
    return {
      width: this.plotRef().nativeElement.clientWidth || 300,
      height: this.height(),
      legend: { show: false },
      // Room on the right for the newest time label, centred on the right edge.
      padding: [8, 28, 0, 0],
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: {
          time: true,
          range: (_u, _min, max) => {
            const end = max ?? Date.now() / 1000;
            return [end - this.windowMs() / 1000, end];
          },
        },
        y: { range: (_u, _min, max) => [0, Math.max(1, (max ?? 0) * 1.1)] },
      },
      axes: [
        {
          ...axis,
          space: 80,
          // The clock time alone: every chart spans minutes, a date line would only crowd the axis.
          values: (_u, splits) => splits.map((s) => clock.format(s * 1000)),
        },
        { ...axis, size: 52, values: (_u, values) => values.map((v) => format(v)) },
      ],
      series: [
        {},
        ...data.series.map((s) => ({
          label: s.label,
          stroke: this.colourOf(s.key),
          width: 2,
          spanGaps: false,
        })),
      ],
    };
  }

  private colourOf(key: string): string {
    return this.colours()[key] ?? colourFor(key);
  }
}
