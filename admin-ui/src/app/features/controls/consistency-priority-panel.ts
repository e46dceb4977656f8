import { ChangeDetectionStrategy, Component, effect, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { ClusterConfig, ConfigCommand, ConsistencyMode } from '@shop/contracts';

/** Read consistency of the catalogue, and how the order workers share capacity between VIP and normal. */
@Component({
  selector: 'adm-consistency-priority-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule],
  template: `
    <h2>Consistency</h2>
    <div class="segmented" role="radiogroup" aria-label="Consistency mode">
      @for (mode of modes; track mode.value) {
        <button
          type="button"
          role="radio"
          [attr.aria-checked]="config().consistency === mode.value"
          [class.active]="config().consistency === mode.value"
          (click)="setConsistency(mode.value)"
        >
          {{ mode.value }}
        </button>
      }
    </div>
    <p class="muted small">{{ modeHint() }}</p>

    <h2>Order priority</h2>
    <form class="priority" (ngSubmit)="applyPriority()">
      <label>VIP weight <input name="vip" type="number" min="1" max="100" [(ngModel)]="vipWeight" /></label>
      <label
        >Normal weight <input name="normal" type="number" min="1" max="100" [(ngModel)]="normalWeight"
      /></label>
      <label class="check"
        ><input name="strict" type="checkbox" [(ngModel)]="strict" /> strict VIP first</label
      >
      <button type="submit" [disabled]="!valid()">Apply</button>
    </form>
    <p class="muted small">
      Now VIP:normal = {{ config().priority.vipWeight }}:{{ config().priority.normalWeight
      }}{{ config().priority.strict ? ', strict' : '' }}. Weighted sharing keeps normal orders moving; strict
      runs normal orders only while the VIP queue is empty.
    </p>
  `,
  styles: `
    .priority {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: end;
    }
    label {
      display: grid;
      gap: 0.25rem;
    }
    label.check {
      display: flex;
      gap: 0.4rem;
      align-items: center;
    }
    input[type='number'] {
      width: 6rem;
    }
  `,
})
export class ConsistencyPriorityPanel {
  readonly config = input.required<ClusterConfig>();
  readonly command = output<ConfigCommand>();

  protected readonly modes: { value: ConsistencyMode }[] = [{ value: 'strong' }, { value: 'eventual' }];
  protected readonly vipWeight = signal(4);
  protected readonly normalWeight = signal(1);
  protected readonly strict = signal(false);

  constructor() {
    // The form starts from the stored weights, and follows them when someone else changes them.
    effect(() => {
      const priority = this.config().priority;
      this.vipWeight.set(priority.vipWeight);
      this.normalWeight.set(priority.normalWeight);
      this.strict.set(priority.strict);
    });
  }

  protected modeHint(): string {
    return this.config().consistency === 'strong'
      ? 'Strong: catalogue reads go to the primary and skip the cache; a stock change shows at once everywhere.'
      : 'Eventual: reads may come from the cache or a replica; a change shows after invalidation or replication.';
  }

  protected valid(): boolean {
    const ok = (n: number) => Number.isInteger(n) && n >= 1 && n <= 100;
    return ok(this.vipWeight()) && ok(this.normalWeight());
  }

  protected setConsistency(consistency: ConsistencyMode): void {
    if (consistency !== this.config().consistency)
      this.command.emit({ action: 'set-consistency', consistency });
  }

  protected applyPriority(): void {
    if (!this.valid()) return;
    this.command.emit({
      action: 'set-priority',
      vipWeight: this.vipWeight(),
      normalWeight: this.normalWeight(),
      strict: this.strict(),
    });
  }
}
