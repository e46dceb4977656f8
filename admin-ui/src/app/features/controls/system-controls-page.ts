import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { SERVICE_NAMES, type ClusterConfigSnapshot, type ConfigCommand } from '@shop/contracts';
import { toProblem } from '@shop/web';
import { ClusterHealthStream } from '../services/cluster-health-stream';
import { BalancingPanel } from './balancing-panel';
import { ChaosPanel } from './chaos-panel';
import { ClusterConfigApi } from './cluster-config-api';
import { ClusterConfigStream } from './cluster-config-stream';
import { ConfigHistory } from './config-history';
import { ConsistencyPriorityPanel } from './consistency-priority-panel';
import { FaultsPanel } from './faults-panel';
import { InstancesPanel } from './instances-panel';
import { PaymentOutagePanel } from './payment-outage-panel';
import { ScalePanel } from './scale-panel';

/** What the page says about the last command it sent. */
type CommandResult = { kind: 'ok'; revision: number } | { kind: 'error'; text: string };

/**
 * System Controls: every change goes through `POST /api/services/config` and lands in the change history.
 * The configuration and its history arrive over the gateway's configuration stream, so changes made by
 * another admin show up as they happen.
 */
@Component({
  selector: 'adm-system-controls-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    BalancingPanel,
    InstancesPanel,
    FaultsPanel,
    ConsistencyPriorityPanel,
    ConfigHistory,
    ScalePanel,
    PaymentOutagePanel,
    ChaosPanel,
  ],
  template: `
    <header class="page-head">
      <h1>System Controls</h1>
      @if (snapshot(); as s) {
        <span class="muted">revision {{ s.revision }} · last change by {{ s.config.updatedBy }}</span>
      }
      <span class="pill" [class.warn]="config.state() !== 'live'" data-testid="config-stream"
        >configuration: {{ config.state() }}</span
      >
    </header>
    @if (message(); as m) {
      <p class="notice" [class.error]="m.kind === 'error'" role="status">{{ m.text }}</p>
    }
    @if (snapshot(); as s) {
      <div class="grid">
        <section class="card">
          <adm-balancing-panel [config]="s.config" [services]="balancedServices" (command)="run($event)" />
        </section>
        <section class="card">
          <adm-consistency-priority-panel [config]="s.config" (command)="run($event)" />
        </section>
        <section class="card wide">
          <adm-instances-panel [config]="s.config" [services]="services()" (command)="run($event)" />
        </section>
        <section class="card">
          <adm-scale-panel [services]="services()" />
        </section>
        <section class="card">
          <adm-payment-outage-panel [outage]="s.config.paymentOutage" (command)="run($event)" />
        </section>
        <section class="card wide">
          <adm-faults-panel
            [services]="services()"
            [serviceNames]="balancedServices"
            [faults]="s.config.faults"
            (command)="run($event)"
          />
        </section>
        <section class="card wide"><adm-chaos-panel /></section>
        <section class="card wide"><adm-config-history [changes]="history()" /></section>
      </div>
    } @else if (config.problem(); as problem) {
      <p class="notice error">The cluster configuration could not be read: {{ problem }}</p>
    } @else if (!message()) {
      <p class="empty card">Loading the cluster configuration…</p>
    }
  `,
  styles: `
    .grid {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 1rem;
    }
    @media (max-width: 1000px) {
      .grid {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    .wide {
      grid-column: 1 / -1;
    }
  `,
})
export class SystemControlsPage {
  private readonly api = inject(ClusterConfigApi);
  private readonly stream = inject(ClusterHealthStream);
  protected readonly config = inject(ClusterConfigStream);

  /** The answer of this page's last command, until the stream brings that revision or a newer one. */
  private readonly applied = signal<ClusterConfigSnapshot | undefined>(undefined);
  private readonly result = signal<CommandResult | undefined>(undefined);

  /** The newest configuration known: the stream's, or the answer to a command the stream has not brought yet. */
  protected readonly snapshot = computed(() => {
    const streamed = this.config.value()?.snapshot;
    const applied = this.applied();
    return applied && (!streamed || applied.revision > streamed.revision) ? applied : streamed;
  });
  protected readonly history = computed(() => this.config.value()?.history ?? []);
  /** A command's outcome, in the audit log's words once its change is in the history. */
  protected readonly message = computed<{ kind: 'ok' | 'error'; text: string } | undefined>(() => {
    const result = this.result();
    if (!result || result.kind === 'error') return result;
    const change = this.history().find((c) => c.revision === result.revision);
    return {
      kind: 'ok',
      text: change
        ? `Applied (revision ${change.revision}): ${change.summary}.`
        : `Applied (revision ${result.revision}).`,
    };
  });
  protected readonly services = computed(() => this.stream.health()?.services ?? []);
  /** Services that are called through the balancer (the gateway is only a caller). */
  protected readonly balancedServices = SERVICE_NAMES.filter((name) => name !== 'gateway');

  constructor() {
    const destroyRef = inject(DestroyRef);
    destroyRef.onDestroy(this.stream.connect());
    destroyRef.onDestroy(this.config.connect());
  }

  protected run(command: ConfigCommand): void {
    this.result.set(undefined);
    this.api.send(command).subscribe({
      next: (snapshot) => {
        this.applied.set(snapshot);
        this.result.set({ kind: 'ok', revision: snapshot.revision });
      },
      error: (err: unknown) => this.result.set({ kind: 'error', text: toProblem(err).message }),
    });
  }
}
