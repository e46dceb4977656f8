import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'sf-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <section class="state">
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
      <a class="button" routerLink="/shop">Browse the shop</a>
    </section>
  `,
})
export class NotFoundPage {}
