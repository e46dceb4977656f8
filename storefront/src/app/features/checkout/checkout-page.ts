import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

/** Checkout: arrives with the order pipeline (payment, idempotent submission, VIP priority). */
@Component({
  selector: 'sf-checkout-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <h1>Checkout</h1>
    <section class="state">
      <h2>Checkout is not open yet</h2>
      <p>Placing orders arrives with the order service. Your cart will be kept until then.</p>
      <a class="button" routerLink="/cart">Back to the cart</a>
    </section>
  `,
})
export class CheckoutPage {}
