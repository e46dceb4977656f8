import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import {
  CHAOS_FAULT_KINDS,
  CHAOS_MAX_DURATION_S,
  CHAOS_MIN_DURATION_S,
  chaosSeedProblem,
  isChaosRunOver,
  type ChaosFaultKind,
  type ChaosPhase,
  type ChaosRequestKind,
  type ChaosRunState,
  type ChaosStatus,
} from '@shop/contracts';
import { toProblem } from '@shop/web';
import { ChaosApi } from './chaos-api';
import { ChaosStream } from './chaos-stream';

const PHASE_TEXT: Record<ChaosPhase, string> = {
  preparing: 'preparing the shoppers and the fault plan',
  running: 'running: shoppers and faults',
  draining: 'load stopped: waiting for requests in flight and restoring faults',
  checking: 'checking the invariants',
  passed: 'passed: every invariant holds',
  failed: 'failed: see the invariants',
  error: 'could not finish',
};

const FAULT_TEXT: Record<ChaosFaultKind, string> = {
  kill: 'instance kills',
  latency: 'latency',
  errors: 'errors',
};

/** Client request outcomes in display order, with their labels. */
const REQUEST_KINDS: readonly { kind: ChaosRequestKind; label: string }[] = [
  { kind: 'ok', label: 'ok (2xx)' },
  { kind: 'client-error', label: 'refused (4xx)' },
  { kind: 'retry-later', label: '503 + Retry-After' },
  { kind: 'server-error', label: 'other 5xx' },
  { kind: 'network', label: 'network error' },
  { kind: 'timeout', label: 'timeout' },
];

/**
 * Chaos mode: start a bounded chaos run on this cluster (the local supervisor runs it), watch its faults and
 * the shoppers' results live, stop it early, and read each invariant's verdict at the end.
 */
@Component({
  selector: 'adm-chaos-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule],
  template: `
    <h2 id="chaos-title">Chaos mode</h2>
    <p class="muted small">
      Generated test shoppers shop and check out while instances are killed and latency and errors are
      injected on a schedule drawn from the seed. The run stops by itself, removes what it injected and checks
      its own orders: none lost, none oversold, none charged twice.
    </p>
    @if (unavailable(); as why) {
      <p class="muted" data-testid="chaos-unavailable">{{ why }}</p>
    }
    <form class="chaos-form" (ngSubmit)="start()" aria-labelledby="chaos-title">
      <label>
        Duration (seconds)
        <input
          name="duration"
          type="number"
          inputmode="numeric"
          [min]="minDuration"
          [max]="maxDuration"
          required
          [(ngModel)]="duration"
          data-testid="chaos-duration"
        />
      </label>
      <label>
        Seed (optional)
        <input
          name="seed"
          type="text"
          maxlength="64"
          placeholder="random"
          autocomplete="off"
          [(ngModel)]="seed"
          data-testid="chaos-seed"
        />
      </label>
      <fieldset>
        <legend>Faults</legend>
        @for (kind of faultKinds; track kind) {
          <label class="check">
            <input
              type="checkbox"
              [attr.data-fault-kind]="kind"
              [checked]="faults().includes(kind)"
              (change)="toggle(kind, $any($event.target).checked)"
            />
            {{ faultText[kind] }}
          </label>
        }
      </fieldset>
      <div class="buttons">
        <button type="submit" class="danger" [disabled]="!canStart()" data-testid="chaos-start">
          Start chaos run
        </button>
        <button type="button" [disabled]="!running() || stopping()" (click)="stop()" data-testid="chaos-stop">
          Stop
        </button>
      </div>
    </form>
    @if (problem(); as p) {
      <p class="notice error" role="alert">{{ p }}</p>
    }

    <p class="phase" role="status" aria-live="polite" data-testid="chaos-phase">
      @if (run(); as r) {
        Run <code>{{ r.id }}</code> (seed {{ r.seed }}): {{ phaseText[r.phase] }}
        @if (r.stoppedEarlyBy) {
          · stopped early by {{ r.stoppedEarlyBy }}
        }
      } @else if (!unavailable()) {
        No chaos run yet.
      }
    </p>

    @if (run(); as r) {
      <p class="muted small" data-testid="chaos-progress">
        {{ seconds(r.elapsedMs) }} of {{ r.durationSeconds }} s of load · {{ r.shoppers }} shoppers ·
        {{ r.attempts }} HTTP attempts · {{ r.configFaultsActive }} injected configuration fault(s) active
      </p>
      <h3>Client requests</h3>
      <dl class="counters" data-testid="chaos-requests">
        @for (k of requestKinds; track k.kind) {
          <div [attr.data-kind]="k.kind" [class.bad]="k.kind === 'server-error' && r.requests[k.kind] > 0">
            <dt>{{ k.label }}</dt>
            <dd>{{ r.requests[k.kind] }}</dd>
          </div>
        }
        <div data-kind="orders">
          <dt>orders placed / refused / unanswered</dt>
          <dd>{{ r.orders.placed }} / {{ r.orders.refused }} / {{ r.orders.unanswered }}</dd>
        </div>
      </dl>

      <h3>Faults ({{ r.faults.length }})</h3>
      @if (r.faults.length === 0) {
        <p class="muted">No fault injected yet.</p>
      } @else {
        <ol class="faults" data-testid="chaos-faults">
          @for (f of r.faults; track f.atMs + f.description) {
            <li [attr.data-fault]="f.kind" [attr.data-outcome]="f.outcome">
              <span class="at">{{ seconds(f.atMs) }} s</span>
              <span class="what">{{ f.description }}</span>
              <span class="outcome">{{ f.outcome }}</span>
              @if (f.note) {
                <span class="muted small note">{{ f.note }}</span>
              }
            </li>
          }
        </ol>
      }

      @if (r.invariants; as invariants) {
        <h3>Invariants</h3>
        <ul class="invariants" data-testid="chaos-invariants">
          @for (i of invariants; track i.id) {
            <li [attr.data-invariant]="i.id" [class.fail]="i.violations > 0">
              <span class="verdict">{{ i.violations === 0 ? 'pass' : 'fail' }}</span>
              <span>
                {{ i.title }}
                <span class="muted small"
                  >{{ i.checked }} {{ i.checkedWhat }}, {{ i.violations }} violation(s)</span
                >
              </span>
              @if (i.examples.length) {
                <ul class="examples small">
                  @for (e of i.examples; track $index) {
                    <li>{{ e }}</li>
                  }
                </ul>
              }
            </li>
          }
        </ul>
      }
      @if (r.errors.length) {
        <ul class="notice error" data-testid="chaos-errors">
          @for (e of r.errors; track $index) {
            <li>{{ e }}</li>
          }
        </ul>
      }
    }
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
      overflow-wrap: anywhere;
      /* Text shades of the page's ok and warn colours that keep a 4.5:1 contrast on white. */
      --ok-text: #15803d;
      --warn-text: #b45309;
    }
    .chaos-form {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 160px), 1fr));
      gap: 0.5rem 1rem;
      align-items: end;
      margin-bottom: 0.75rem;
    }
    .chaos-form > label {
      display: grid;
      gap: 0.25rem;
    }
    .chaos-form input[type='number'],
    .chaos-form input[type='text'] {
      width: 100%;
      min-width: 0;
      box-sizing: border-box;
    }
    fieldset {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
      margin: 0;
      min-width: 0;
    }
    label.check {
      display: flex;
      align-items: center;
      gap: 0.4rem;
    }
    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .phase {
      font-weight: 600;
    }
    .counters {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 140px), 1fr));
      gap: 0.5rem;
      margin: 0 0 0.75rem;
    }
    .counters > div {
      border: 1px solid var(--border, #ddd);
      border-radius: 6px;
      padding: 0.35rem 0.5rem;
    }
    .counters dt {
      font-size: 0.8rem;
    }
    .counters dd {
      margin: 0;
      font-size: 1.2rem;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    .counters .bad dd {
      color: var(--danger);
    }
    .faults,
    .invariants {
      padding-left: 0;
      list-style: none;
      display: grid;
      gap: 0.35rem;
    }
    .faults li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.15rem 0.6rem;
    }
    .faults .at {
      font-variant-numeric: tabular-nums;
      min-width: 4.5rem;
    }
    .faults .note {
      flex-basis: 100%;
    }
    .faults [data-outcome='active'] .outcome {
      color: var(--warn-text);
      font-weight: 600;
    }
    .faults [data-outcome='skipped'] .outcome {
      color: var(--muted);
    }
    .invariants > li {
      display: grid;
      grid-template-columns: auto minmax(0, 1fr);
      gap: 0.15rem 0.6rem;
    }
    .invariants .verdict {
      font-weight: 700;
      color: var(--ok-text);
      text-transform: uppercase;
    }
    .invariants .fail .verdict {
      color: var(--danger);
    }
    .examples {
      grid-column: 2;
      margin: 0;
    }
  `,
})
export class ChaosPanel {
  private readonly api = inject(ChaosApi);
  private readonly stream = inject(ChaosStream);

  protected readonly minDuration = CHAOS_MIN_DURATION_S;
  protected readonly maxDuration = CHAOS_MAX_DURATION_S;
  protected readonly faultKinds = CHAOS_FAULT_KINDS;
  protected readonly faultText = FAULT_TEXT;
  protected readonly phaseText = PHASE_TEXT;
  protected readonly requestKinds = REQUEST_KINDS;

  protected readonly duration = signal<number | null>(60);
  protected readonly seed = signal('');
  protected readonly faults = signal<readonly ChaosFaultKind[]>([...CHAOS_FAULT_KINDS]);
  protected readonly busy = signal(false);
  protected readonly stopping = signal(false);
  /** The last answer of a start or stop, with the stream's status when it came. */
  private readonly answered = signal<{ run: ChaosRunState; after: ChaosStatus | undefined } | undefined>(
    undefined,
  );
  private readonly failure = signal<string | undefined>(undefined);

  /** The stream's run, or the last answer until the stream brings news of that run. */
  protected readonly run = computed(() => {
    const status = this.stream.status();
    const answered = this.answered();
    if (answered && (status === answered.after || status?.run?.id !== answered.run.id)) return answered.run;
    return status?.run ?? undefined;
  });
  protected readonly running = computed(() => {
    const r = this.run();
    return !!r && !isChaosRunOver(r.phase);
  });
  protected readonly unavailable = this.stream.unavailable;

  private readonly inputProblem = computed(() => {
    const d = this.duration();
    if (d === null || !Number.isInteger(d) || d < CHAOS_MIN_DURATION_S || d > CHAOS_MAX_DURATION_S)
      return `The duration must be a whole number of seconds from ${CHAOS_MIN_DURATION_S} to ${CHAOS_MAX_DURATION_S}.`;
    const seed = this.seed().trim();
    if (seed && chaosSeedProblem(seed)) return 'The seed may hold up to 64 letters, digits, ".", "_" or "-".';
    return undefined;
  });
  protected readonly problem = computed(() => this.failure() ?? this.inputProblem());
  protected readonly canStart = computed(
    () => !this.inputProblem() && !this.running() && !this.busy() && !this.unavailable(),
  );

  constructor() {
    inject(DestroyRef).onDestroy(this.stream.connect());
  }

  protected toggle(kind: ChaosFaultKind, on: boolean): void {
    this.faults.update((list) => CHAOS_FAULT_KINDS.filter((k) => (k === kind ? on : list.includes(k))));
  }

  protected seconds(ms: number): string {
    return (ms / 1000).toFixed(1);
  }

  protected start(): void {
    if (!this.canStart()) return;
    const seed = this.seed().trim();
    this.busy.set(true);
    this.failure.set(undefined);
    this.api
      .start({ durationSeconds: this.duration()!, faults: [...this.faults()], ...(seed ? { seed } : {}) })
      .subscribe({
        next: (run) => {
          this.busy.set(false);
          this.answered.set({ run, after: this.stream.status() });
        },
        error: (err: unknown) => {
          this.busy.set(false);
          this.failure.set(toProblem(err).message);
        },
      });
  }

  protected stop(): void {
    this.stopping.set(true);
    this.failure.set(undefined);
    this.api.stop().subscribe({
      next: (run) => {
        this.stopping.set(false);
        this.answered.set({ run, after: this.stream.status() });
      },
      error: (err: unknown) => {
        this.stopping.set(false);
        this.failure.set(toProblem(err).message);
      },
    });
  }
}
