import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { ClusterConfig, ConfigCommand, ServiceHealth } from '@shop/contracts';
import { STATUS_STYLE } from '../services/instance-status';

/** Every instance the gateway sees: take it out of rotation or back, and set its weight. */
@Component({
  selector: 'adm-instances-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .service {
      margin-left: 0.5rem;
    }
  `,
  template: `
    <h2>Instances</h2>
    @if (rows().length === 0) {
      <p class="muted">No instance is known yet (waiting for the health stream).</p>
    } @else {
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Instance</th>
              <th>Status</th>
              <th>Rotation</th>
              <th>Weight</th>
            </tr>
          </thead>
          <tbody>
            @for (row of rows(); track row.instanceId) {
              <tr [attr.data-instance]="row.instanceId">
                <td>
                  <strong>{{ row.instanceId }}</strong><span class="muted small service">{{
                    row.service
                  }}</span>
                </td>
                <td>
                  <span class="dot" [style.background]="statusStyle[row.status].colour"></span
                  >{{ row.status }}
                </td>
                <td>
                  @if (row.disabled) {
                    <button
                      type="button"
                      (click)="command.emit({ action: 'enable', instanceId: row.instanceId })"
                    >
                      Enable
                    </button>
                  } @else {
                    <button
                      type="button"
                      class="danger"
                      (click)="command.emit({ action: 'disable', instanceId: row.instanceId })"
                    >
                      Disable
                    </button>
                  }
                </td>
                <td>
                  <input
                    #weight
                    type="number"
                    min="0"
                    max="100"
                    step="1"
                    class="narrow"
                    [attr.aria-label]="'Weight of ' + row.instanceId"
                    [value]="row.weight"
                  />
                  <button type="button" (click)="setWeight(row.instanceId, weight.valueAsNumber)">Set</button>
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    }
  `,
})
export class InstancesPanel {
  readonly config = input.required<ClusterConfig>();
  readonly services = input.required<readonly ServiceHealth[]>();
  readonly command = output<ConfigCommand>();

  protected readonly statusStyle = STATUS_STYLE;

  protected readonly rows = computed(() => {
    const config = this.config();
    const seen = this.services()
      .filter((s) => s.name !== 'gateway')
      .flatMap((s) =>
        s.instances.map((i) => ({
          service: s.name as string,
          instanceId: i.instanceId,
          status: i.status,
          disabled: config.disabledInstances.includes(i.instanceId),
          weight: config.balancing.weights[i.instanceId] ?? 1,
        })),
      );
    // A disabled instance that stopped reporting must stay listed, or nobody could enable it again.
    const gone = config.disabledInstances
      .filter((id) => !seen.some((row) => row.instanceId === id))
      .map((instanceId) => ({
        service: 'not reporting',
        instanceId,
        status: 'disabled' as const,
        disabled: true,
        weight: config.balancing.weights[instanceId] ?? 1,
      }));
    return [...seen, ...gone];
  });

  protected setWeight(instanceId: string, weight: number): void {
    if (!Number.isFinite(weight)) return;
    this.command.emit({ action: 'set-weight', instanceId, weight });
  }
}
