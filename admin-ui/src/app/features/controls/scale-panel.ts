import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import type { ServiceHealth, SupervisedProcess } from '@shop/contracts';
import { toProblem } from '@shop/web';
import { AdminControlsApi } from './admin-controls-api';

/**
 * Scale each platform service up or down (+/-) when the local supervisor runs the cluster: the admin API sends
 * the command to the supervisor over NATS, and the answer names the instances it started or stopped. The health
 * stream shows them joining and leaving.
 */
@Component({
  selector: 'adm-scale-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2>Scale services</h2>
    @if (unsupervised(); as why) {
      <p class="muted" data-testid="unsupervised">{{ why }}</p>
    } @else if (processes().length === 0) {
      <p class="muted">{{ loadError() ?? 'Asking the supervisor…' }}</p>
    } @else {
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Service</th>
              <th class="num">Instances</th>
              <th>Healthy</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            @for (p of processes(); track p.name) {
              <tr [attr.data-service]="p.name">
                <td>
                  <strong>{{ p.name }}</strong>
                  <div class="muted small">{{ p.instances.join(', ') || 'none' }}</div>
                </td>
                <td class="num" data-testid="count">{{ p.instances.length }}</td>
                <td>{{ healthOf(p.name) }}</td>
                <td class="buttons">
                  <button
                    type="button"
                    [attr.aria-label]="'Stop one ' + p.name + ' instance'"
                    data-testid="minus"
                    [disabled]="busy() === p.name || p.instances.length <= p.min"
                    (click)="scale(p, -1)"
                  >
                    −
                  </button>
                  <button
                    type="button"
                    [attr.aria-label]="'Start one more ' + p.name + ' instance'"
                    data-testid="plus"
                    [disabled]="busy() === p.name || p.instances.length >= p.max"
                    (click)="scale(p, 1)"
                  >
                    +
                  </button>
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
      <p class="muted small">From 1 to {{ processes()[0].max }} instances each; − stops the newest one.</p>
    }
    @if (message(); as m) {
      <p class="notice" [class.error]="m.kind === 'error'" role="status">{{ m.text }}</p>
    }
  `,
  styles: `
    .buttons {
      display: flex;
      gap: 0.4rem;
    }
    .buttons button {
      min-width: 2.2rem;
      font-weight: 600;
    }
  `,
})
export class ScalePanel {
  private readonly api = inject(AdminControlsApi);

  /** The health stream's services, for the live healthy/total figures. */
  readonly services = input<readonly ServiceHealth[]>([]);

  private readonly status = signal<readonly SupervisedProcess[]>([]);
  protected readonly processes = computed(() => this.status().filter((p) => p.scalable));
  protected readonly unsupervised = signal<string | undefined>(undefined);
  protected readonly loadError = signal<string | undefined>(undefined);
  protected readonly busy = signal<string | undefined>(undefined);
  protected readonly message = signal<{ kind: 'ok' | 'error'; text: string } | undefined>(undefined);

  constructor() {
    this.load();
  }

  load(): void {
    this.api.supervisor().subscribe({
      next: (status) => {
        this.status.set(status.processes);
        this.unsupervised.set(undefined);
      },
      error: (err: unknown) => {
        const problem = toProblem(err);
        if (problem.status === 409) this.unsupervised.set(problem.message);
        else this.loadError.set(problem.message);
      },
    });
  }

  protected healthOf(name: string): string {
    const service = this.services().find((s) => s.name === name);
    return service ? `${service.healthy} / ${service.total}` : '–';
  }

  protected scale(process: SupervisedProcess, delta: number): void {
    this.busy.set(process.name);
    this.message.set(undefined);
    this.api.scale({ service: process.name, delta }).subscribe({
      next: (result) => {
        this.busy.set(undefined);
        this.status.update((list) =>
          list.map((p) => (p.name === result.service ? { ...p, instances: result.instances } : p)),
        );
        const what = result.started.length
          ? `started ${result.started.join(', ')}`
          : `stopped ${result.stopped.join(', ')}`;
        this.message.set({
          kind: 'ok',
          text: `${result.service}: ${result.before.length} → ${result.instances.length} instances (${what}).`,
        });
      },
      error: (err: unknown) => {
        this.busy.set(undefined);
        this.message.set({ kind: 'error', text: toProblem(err).message });
      },
    });
  }
}
