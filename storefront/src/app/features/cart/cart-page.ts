import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

/** The cart: arrives with the cart service (items, live availability, 15-minute stock reservations). */
@Component({
  selector: 'sf-cart-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <h1>Your cart</h1>
    <section class="state">
      <h2>Your cart is empty</h2>
      <p>
        Soon you will add products here from the shop. Each item is held for you for 15 minutes, and the cart
        shows its current price and how many are still available.
      </p>
      <a class="button primary" routerLink="/shop">Browse the shop</a>
    </section>
  `,
})
export class CartPage {}
