import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { LOG_LEVELS, LOG_SOURCES, type LogEntry, type LogFilter } from '@shop/contracts';
import { LogsState } from './logs-state';

/** Server Logs: the centralized log of every instance, filtered, followed live, traced by correlation id. */
@Component({
  selector: 'adm-logs-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [LogsState],
  template: `
    <header class="page-head">
      <h1>Server Logs</h1>
      <span
        class="pill"
        [class.warn]="state.following() && state.liveState() !== 'live'"
        [class.bad]="!state.following()"
      >
        {{ state.following() ? 'live: ' + state.liveState() : 'paused' }}
      </span>
      <span class="muted">{{ state.entries().length }} entries</span>
      <button type="button" (click)="state.setFollowing(!state.following())">
        {{ state.following() ? 'Pause' : 'Follow live' }}
      </button>
    </header>

    <form
      class="card filters"
      (submit)="
        $event.preventDefault();
        apply(service.value, level.value, correlation.value, q.value, from.value, to.value)
      "
    >
      <select #service aria-label="Service">
        <option value="">all services</option>
        @for (s of services; track s) {
          <option [value]="s" [selected]="state.filter().service === s">{{ s }}</option>
        }
      </select>
      <select #level aria-label="Level">
        <option value="">any level</option>
        @for (l of levels; track l) {
          <option [value]="l" [selected]="state.filter().level === l">{{ l }} and above</option>
        }
      </select>
      <input
        #correlation
        aria-label="Correlation id"
        placeholder="correlation id"
        [value]="state.filter().correlationId ?? ''"
      />
      <input
        #q
        type="search"
        aria-label="Text"
        placeholder="words in message"
        [value]="state.filter().q ?? ''"
      />
      <label class="range">
        From
        <input
          #from
          type="datetime-local"
          step="1"
          aria-label="From"
          [value]="localInput(state.filter().from)"
        />
      </label>
      <label class="range">
        To
        <input #to type="datetime-local" step="1" aria-label="To" [value]="localInput(state.filter().to)" />
      </label>
      <button type="submit" class="primary">Apply</button>
      @if (hasFilter()) {
        <button type="button" (click)="state.setFilter({})">Clear</button>
      }
    </form>

    @if (state.filter().correlationId; as id) {
      <p class="notice" data-testid="trace">
        Every line of request <code>{{ id }}</code>, across services.
      </p>
    }
    @if (state.error(); as e) {
      <p class="notice error" role="alert">{{ e }}</p>
    }

    <section class="card">
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Time</th>
              <th>Level</th>
              <th>Instance</th>
              <th>Message</th>
              <th>Correlation id</th>
            </tr>
          </thead>
          <tbody>
            @for (e of state.entries(); track e.id) {
              <tr [attr.data-level]="e.level">
                <td class="time">{{ e.time.slice(11, 23) }}</td>
                <td>
                  <span class="level">{{ e.level }}</span>
                </td>
                <td>{{ e.instanceId }}</td>
                <td>
                  @if (e.context) {
                    <span class="muted">[{{ e.context }}]</span>
                  }
                  {{ e.message }}
                  @if (e.data) {
                    <div class="data">{{ brief(e) }}</div>
                  }
                </td>
                <td>
                  @if (e.correlationId) {
                    <button
                      type="button"
                      class="link corr"
                      [title]="'Show every line of ' + e.correlationId"
                      (click)="state.followCorrelation(e.correlationId)"
                    >
                      {{ e.correlationId }}
                    </button>
                  }
                </td>
              </tr>
            } @empty {
              <tr>
                <td colspan="5" class="muted">
                  {{ state.loading() ? 'Loading…' : 'No log entries match.' }}
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
      @if (state.nextBefore()) {
        <button type="button" class="more" [disabled]="state.loading()" (click)="state.older()">
          Older entries
        </button>
      }
    </section>
  `,
  styles: `
    .range {
      display: inline-flex;
      gap: 0.25rem;
      align-items: center;
      color: var(--muted);
      font-size: 0.85rem;
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    .time {
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .level {
      font-size: 0.75rem;
      text-transform: uppercase;
      font-weight: 600;
      color: var(--muted);
    }
    tr[data-level='warn'] .level {
      color: var(--warn);
    }
    tr[data-level='error'] td {
      background: #fef2f2;
    }
    tr[data-level='error'] .level {
      color: var(--danger);
    }
    .data {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 0.75rem;
      color: var(--muted);
      max-width: 60ch;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    button.link {
      border: none;
      background: none;
      padding: 0;
      color: var(--accent);
      text-decoration: underline;
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 0.8rem;
    }
    .more {
      margin-top: 0.75rem;
    }
  `,
})
export class LogsPage {
  protected readonly state = inject(LogsState);
  protected readonly services = LOG_SOURCES;
  protected readonly levels = LOG_LEVELS;

  constructor() {
    this.state.start();
  }

  protected hasFilter(): boolean {
    return Object.keys(this.state.filter()).length > 0;
  }

  protected apply(
    service: string,
    level: string,
    correlationId: string,
    q: string,
    from: string,
    to: string,
  ): void {
    this.state.setFilter({
      service,
      level,
      correlationId,
      q,
      from: isoFromLocal(from),
      to: isoFromLocal(to),
    } as LogFilter);
  }

  /** An ISO time as the value of a datetime-local input (local time, to the second). */
  protected localInput(iso: string | undefined): string {
    if (!iso) return '';
    const t = new Date(iso);
    const pad = (n: number) => String(n).padStart(2, '0');
    return (
      `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}` +
      `T${pad(t.getHours())}:${pad(t.getMinutes())}:${pad(t.getSeconds())}`
    );
  }

  protected brief(entry: LogEntry): string {
    return JSON.stringify(entry.data);
  }
}

/** A datetime-local value (local time) as an ISO time; undefined when empty or not a time. */
export function isoFromLocal(value: string): string | undefined {
  if (!value) return undefined;
  const t = new Date(value);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}
