import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { ConfigCommand, FaultInjection, ServiceHealth, ServiceName } from '@shop/contracts';

/** Inject latency, errors, hangs or crashes into a service or one instance, and clear them again. */
@Component({
  selector: 'adm-faults-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule],
  template: `
    <h2>Fault injection</h2>
    <form class="fault-form" (ngSubmit)="inject()">
      <label>
        Service
        <select name="service" [(ngModel)]="service" required>
          @for (name of serviceNames(); track name) {
            <option [ngValue]="name">{{ name }}</option>
          }
        </select>
      </label>
      <label>
        Instance
        <select name="instance" [(ngModel)]="instanceId">
          <option [ngValue]="''">every instance</option>
          @for (id of instancesOfService(); track id) {
            <option [ngValue]="id">{{ id }}</option>
          }
        </select>
      </label>
      <label>
        Added latency (ms)
        <input name="latency" type="number" min="0" max="60000" [(ngModel)]="latencyMs" />
      </label>
      <label>
        Error rate (%)
        <input name="errorRate" type="number" min="0" max="100" [(ngModel)]="errorPercent" />
      </label>
      <label class="check"
        ><input name="hang" type="checkbox" [(ngModel)]="hang" /> hang (never answer)</label
      >
      <label class="check"
        ><input name="crash" type="checkbox" [(ngModel)]="crash" /> crash (process exits)</label
      >
      <button type="submit" class="danger" [disabled]="!canInject()">Inject fault</button>
      @if (problem(); as p) {
        <p class="error">{{ p }}</p>
      }
    </form>

    <h3>Active faults</h3>
    @if (faults().length === 0) {
      <p class="muted">No fault is active.</p>
    } @else {
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Id</th>
              <th>Target</th>
              <th>Effect</th>
              <th>By</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            @for (fault of faults(); track fault.id) {
              <tr>
                <td>
                  <code>{{ fault.id }}</code>
                </td>
                <td>{{ fault.instanceId ?? fault.service + ' (all)' }}</td>
                <td>{{ describe(fault) }}</td>
                <td class="small">{{ fault.createdBy }} · {{ fault.createdAt.slice(11, 19) }}</td>
                <td>
                  <button type="button" (click)="command.emit({ action: 'clear-fault', faultId: fault.id })">
                    Clear
                  </button>
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
      <button type="button" (click)="command.emit({ action: 'clear-faults' })">Clear all faults</button>
    }
  `,
  styles: `
    .fault-form {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(180px, 1fr));
      gap: 0.5rem 1rem;
      align-items: end;
      margin-bottom: 1rem;
    }
    label {
      display: grid;
      gap: 0.25rem;
    }
    label.check {
      display: flex;
      align-items: center;
      gap: 0.4rem;
    }
  `,
})
export class FaultsPanel {
  readonly services = input.required<readonly ServiceHealth[]>();
  readonly serviceNames = input.required<readonly ServiceName[]>();
  readonly faults = input.required<readonly FaultInjection[]>();
  readonly command = output<ConfigCommand>();

  protected readonly service = signal<ServiceName>('inventory');
  protected readonly instanceId = signal('');
  protected readonly latencyMs = signal<number | null>(null);
  protected readonly errorPercent = signal<number | null>(null);
  protected readonly hang = signal(false);
  protected readonly crash = signal(false);

  protected readonly instancesOfService = computed(
    () =>
      this.services()
        .find((s) => s.name === this.service())
        ?.instances.map((i) => i.instanceId) ?? [],
  );

  protected readonly problem = computed(() => {
    const latency = this.latencyMs();
    const percent = this.errorPercent();
    if (latency !== null && (latency < 0 || latency > 60_000)) return 'Latency must be 0–60000 ms.';
    if (percent !== null && (percent < 0 || percent > 100)) return 'Error rate must be 0–100 %.';
    return undefined;
  });

  protected readonly canInject = computed(
    () => !this.problem() && (!!this.latencyMs() || !!this.errorPercent() || this.hang() || this.crash()),
  );

  protected describe(fault: FaultInjection): string {
    return describeFault(fault);
  }

  protected inject(): void {
    if (!this.canInject()) return;
    const latency = this.latencyMs();
    const percent = this.errorPercent();
    const instanceId = this.instanceId();
    this.command.emit({
      action: 'inject-fault',
      service: this.service(),
      ...(instanceId ? { instanceId } : {}),
      ...(latency ? { latencyMs: Math.round(latency) } : {}),
      ...(percent ? { errorRate: percent / 100 } : {}),
      ...(this.hang() ? { hang: true } : {}),
      ...(this.crash() ? { crash: true } : {}),
    });
  }
}

/** "+300 ms, 50% errors, hang" */
export function describeFault(fault: FaultInjection): string {
  return [
    fault.latencyMs ? `+${fault.latencyMs} ms` : '',
    fault.errorRate ? `${Math.round(fault.errorRate * 100)}% errors` : '',
    fault.hang ? 'hang' : '',
    fault.crash ? 'crash' : '',
  ]
    .filter(Boolean)
    .join(', ');
}
