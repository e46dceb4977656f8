import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { ClusterConfigChange } from '@shop/contracts';

/** The audit trail of configuration changes, newest first. */
@Component({
  selector: 'adm-config-history',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2>Change history</h2>
    @if (changes().length === 0) {
      <p class="muted">No change recorded yet.</p>
    } @else {
      <div class="table-wrap history" tabindex="0" role="region" aria-label="Configuration changes">
        <table>
          <thead>
            <tr>
              <th class="num">Rev</th>
              <th>When (UTC)</th>
              <th>By</th>
              <th>Change</th>
            </tr>
          </thead>
          <tbody>
            @for (change of changes(); track change.revision) {
              <tr>
                <td class="num">{{ change.revision }}</td>
                <td class="small">{{ change.at.slice(0, 19).replace('T', ' ') }}</td>
                <td>{{ change.by }}</td>
                <td>{{ change.summary }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    }
  `,
  styles: `
    .history {
      max-height: 320px;
      overflow: auto;
    }
  `,
})
export class ConfigHistory {
  readonly changes = input.required<readonly ClusterConfigChange[]>();
}
