import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { forkJoin } from 'rxjs';
import {
  SERVICE_NAMES,
  type ClusterConfigChange,
  type ClusterConfigSnapshot,
  type ConfigCommand,
} from '@shop/contracts';
import { toProblem } from '@shop/web';
import { ClusterHealthStream } from '../services/cluster-health-stream';
import { BalancingPanel } from './balancing-panel';
import { ClusterConfigApi } from './cluster-config-api';
import { ConfigHistory } from './config-history';
import { ConsistencyPriorityPanel } from './consistency-priority-panel';
import { FaultsPanel } from './faults-panel';
import { InstancesPanel } from './instances-panel';
import { PaymentOutagePanel } from './payment-outage-panel';
import { ScalePanel } from './scale-panel';

/** Refresh the configuration now and then, so changes made by another admin show up. */
const RELOAD_EVERY_MS = 5000;

/** System Controls: every change goes through `POST /api/services/config` and lands in the change history. */
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
  ],
  template: `
    <header class="page-head">
      <h1>System Controls</h1>
      @if (snapshot(); as s) {
        <span class="muted">revision {{ s.revision }} · last change by {{ s.config.updatedBy }}</span>
      }
      <button type="button" (click)="reload()">Reload</button>
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
        <section class="card wide"><adm-config-history [changes]="history()" /></section>
      </div>
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
        grid-template-columns: 1fr;
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

  protected readonly snapshot = signal<ClusterConfigSnapshot | undefined>(undefined);
  protected readonly history = signal<ClusterConfigChange[]>([]);
  protected readonly message = signal<{ kind: 'ok' | 'error'; text: string } | undefined>(undefined);
  protected readonly services = computed(() => this.stream.health()?.services ?? []);
  /** Services that are called through the balancer (the gateway is only a caller). */
  protected readonly balancedServices = SERVICE_NAMES.filter((name) => name !== 'gateway');

  constructor() {
    const destroyRef = inject(DestroyRef);
    destroyRef.onDestroy(this.stream.connect());
    this.reload();
    const timer = setInterval(() => this.reload(true), RELOAD_EVERY_MS);
    destroyRef.onDestroy(() => clearInterval(timer));
  }

  protected reload(quiet = false): void {
    forkJoin({ snapshot: this.api.get(), history: this.api.history() }).subscribe({
      next: ({ snapshot, history }) => {
        this.snapshot.set(snapshot);
        this.history.set(history);
      },
      error: (err: unknown) => {
        if (!quiet) this.message.set({ kind: 'error', text: toProblem(err).message });
      },
    });
  }

  protected run(command: ConfigCommand): void {
    this.message.set(undefined);
    this.api.send(command).subscribe({
      next: (snapshot) => {
        this.snapshot.set(snapshot);
        this.message.set({ kind: 'ok', text: `Applied (revision ${snapshot.revision}).` });
        this.api.history().subscribe({
          next: (history) => {
            this.history.set(history);
            // Say what changed, in the audit log's words.
            const change = history.find((c) => c.revision === snapshot.revision);
            if (change)
              this.message.set({
                kind: 'ok',
                text: `Applied (revision ${change.revision}): ${change.summary}.`,
              });
          },
          error: () => undefined,
        });
      },
      error: (err: unknown) => this.message.set({ kind: 'error', text: toProblem(err).message }),
    });
  }
}
