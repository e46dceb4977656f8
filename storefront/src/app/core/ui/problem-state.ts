import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { toProblem } from '@shop/web';

/** A clean message for a failed request, instead of a broken page. */
@Component({
  selector: 'sf-problem-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="state" role="alert">
      <h2>{{ title() }}</h2>
      <p>{{ problem().message }}</p>
      @if (problem().correlationId) {
        <p class="muted small">Reference: {{ problem().correlationId }}</p>
      }
      <ng-content />
    </section>
  `,
})
export class ProblemState {
  readonly error = input.required<unknown>();
  /** What the page was doing, e.g. "The catalogue". */
  readonly what = input('This page');

  protected readonly problem = computed(() => toProblem(this.error()));
  protected readonly title = computed(() => {
    const { status } = this.problem();
    if (status === 404) return `${this.what()} is not available`;
    if (status === 0) return 'The shop cannot be reached';
    if (status === 503) return `${this.what()} is busy right now`;
    return `${this.what()} could not be loaded`;
  });
}
