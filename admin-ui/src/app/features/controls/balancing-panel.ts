import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import {
  BALANCING_ALGORITHMS,
  type BalancingAlgorithm,
  type ClusterConfig,
  type ConfigCommand,
  type ServiceName,
} from '@shop/contracts';

/** The default balancing algorithm and a per-service override. */
@Component({
  selector: 'adm-balancing-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2>Load balancing</h2>
    <label class="row">
      <span>Default algorithm</span>
      <select
        data-testid="global-algorithm"
        [value]="config().balancing.algorithm"
        (change)="setAlgorithm(undefined, $event)"
      >
        @for (algorithm of algorithms; track algorithm) {
          <option [value]="algorithm" [selected]="algorithm === config().balancing.algorithm">
            {{ algorithm }}
          </option>
        }
      </select>
    </label>
    <table>
      <thead>
        <tr>
          <th>Service</th>
          <th>Algorithm</th>
        </tr>
      </thead>
      <tbody>
        @for (service of services(); track service) {
          <tr>
            <td>{{ service }}</td>
            <td>
              <select [attr.aria-label]="'Algorithm for ' + service" (change)="setAlgorithm(service, $event)">
                @for (algorithm of algorithms; track algorithm) {
                  <option [value]="algorithm" [selected]="algorithm === effective(service)">
                    {{ algorithm
                    }}{{ overridden(service) ? '' : algorithm === effective(service) ? ' (default)' : '' }}
                  </option>
                }
              </select>
            </td>
          </tr>
        }
      </tbody>
    </table>
    <p class="muted small">
      A choice here overrides the default for that service. Balancers pick only healthy, enabled instances
      whose breaker is not open; the weighted algorithm uses the weights under Instances.
    </p>
  `,
})
export class BalancingPanel {
  readonly config = input.required<ClusterConfig>();
  readonly services = input.required<readonly ServiceName[]>();
  readonly command = output<ConfigCommand>();

  protected readonly algorithms = BALANCING_ALGORITHMS;

  protected effective(service: ServiceName): BalancingAlgorithm {
    return this.config().balancing.perService[service] ?? this.config().balancing.algorithm;
  }

  protected overridden(service: ServiceName): boolean {
    return this.config().balancing.perService[service] !== undefined;
  }

  protected setAlgorithm(service: ServiceName | undefined, event: Event): void {
    const algorithm = (event.target as HTMLSelectElement).value as BalancingAlgorithm;
    this.command.emit(
      service ? { action: 'set-algorithm', service, algorithm } : { action: 'set-algorithm', algorithm },
    );
  }
}
