import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { SIMULATED_TEST_CARDS, type PlaceOrderRequest, type ShippingAddress } from '@shop/contracts';
import { SessionStore } from '@shop/web';
import { CartState } from '../../core/cart/cart-state';
import { formatMoney } from '../../core/format/money';
import { cartQuote } from '../../core/pricing/cart-quote';
import { DeliveryChoice, countryName } from '../../core/pricing/delivery-choice';
import { DeliveryPicker } from '../../core/pricing/delivery-picker';
import { PriceBreakdownView } from '../../core/pricing/price-breakdown';
import { CheckoutState } from './checkout-state';

/** The simulated provider's test cards, for the shopper to pick from (no real money moves). */
export const TEST_CARDS: readonly { number: string; label: string }[] = [
  { number: SIMULATED_TEST_CARDS.approve, label: 'Approved' },
  { number: SIMULATED_TEST_CARDS.decline, label: 'Declined' },
  { number: SIMULATED_TEST_CARDS.insufficientFunds, label: 'Insufficient funds' },
  { number: SIMULATED_TEST_CARDS.slow, label: 'Slow provider (3 s)' },
  { number: SIMULATED_TEST_CARDS.providerError, label: 'Provider error' },
];

/**
 * Checkout of the cart: destination and shipping method (priced by the server, line by line), card (simulated
 * provider), optional shipping address, one idempotent order.
 */
@Component({
  selector: 'sf-checkout-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, DeliveryPicker, PriceBreakdownView],
  providers: [CheckoutState],
  template: `
    <h1>Checkout</h1>
    @if (cart.items().length === 0 && checkout.outcome().kind !== 'placed') {
      <section class="state">
        <h2>Your cart is empty</h2>
        <p>Add products to your cart first.</p>
        <a class="button primary" routerLink="/shop">Browse the shop</a>
      </section>
    } @else {
      <div class="layout">
        <form [formGroup]="form" (ngSubmit)="placeOrder()" class="card-form">
          <fieldset>
            <legend>Delivery</legend>
            <sf-delivery-picker idPrefix="checkout" />
          </fieldset>
          <fieldset>
            <legend>Payment</legend>
            <label>
              Card number
              <input
                formControlName="cardNumber"
                inputmode="numeric"
                autocomplete="cc-number"
                placeholder="4242 4242 4242 4242"
              />
            </label>
            <p class="muted small">
              Payments go to a <strong>simulated provider</strong>: no real money moves. Test cards:
            </p>
            <ul class="cards">
              @for (card of testCards; track card.number) {
                <li>
                  <button type="button" class="card-chip" (click)="useCard(card.number)">
                    <code>{{ card.number }}</code> {{ card.label }}
                  </button>
                </li>
              }
            </ul>
          </fieldset>
          <fieldset formGroupName="shipping">
            <legend>Shipping address <span class="muted small">(optional)</span></legend>
            <label>Name <input formControlName="name" autocomplete="name" /></label>
            <label>Street <input formControlName="line1" autocomplete="address-line1" /></label>
            <div class="row">
              <label>City <input formControlName="city" autocomplete="address-level2" /></label>
              <label>Postal code <input formControlName="postalCode" autocomplete="postal-code" /></label>
            </div>
            <p class="muted small">Country: {{ countryName(choice.country()) }} (chosen under Delivery)</p>
          </fieldset>

          @if (formError(); as e) {
            <p class="notice error" role="alert">{{ e }}</p>
          }
          @switch (checkout.outcome().kind) {
            @case ('failed') {
              @if (failure(); as f) {
                <div
                  class="notice"
                  [class.error]="f.failure !== 'busy'"
                  [class.warn]="f.failure === 'busy'"
                  role="alert"
                >
                  <strong>{{ f.title }}</strong>
                  <p>{{ f.problem.message }}</p>
                  <p class="small">{{ advice() }}</p>
                  @if (checkout.secondsUntilRetry() > 0) {
                    <p class="small" data-testid="retry-countdown">
                      You can try again in {{ checkout.secondsUntilRetry() }} s.
                    </p>
                  }
                  @if (f.failure === 'out-of-stock') {
                    <a routerLink="/cart">Review your cart</a>
                  }
                </div>
              }
            }
          }
          <button type="submit" class="primary place" [disabled]="!checkout.canSubmit() || cart.changing()">
            {{ buttonLabel() }}
          </button>
          <p class="muted small">
            @if (session.isVip()) {
              As a <strong>VIP</strong> your order goes to the priority queue.
            }
            Checkout reference <code>{{ checkout.key().slice(0, 8) }}</code> — sending again never charges
            twice.
          </p>
        </form>

        <aside class="summary">
          <h2>Order summary</h2>
          <ul>
            @for (item of cart.items(); track item.productId) {
              <li>
                <span>{{ item.quantity }} × {{ item.name }}</span>
                <span>{{ money(item.lineTotal) }}</span>
              </li>
            }
          </ul>
          @if (quote.quote(); as q) {
            <sf-price-breakdown [breakdown]="q.breakdown" [pending]="quote.pending()" />
          } @else {
            <p class="total">
              <span>Items</span><strong>{{ money(cart.cart()?.total) }}</strong>
            </p>
            @if (quote.failed()) {
              <p class="muted small">Shipping and tax could not be priced now; the order shows them.</p>
            }
          }
        </aside>
      </div>
    }
  `,
  styles: `
    .layout {
      display: grid;
      grid-template-columns: 1fr 320px;
      gap: 1.5rem;
      align-items: start;
    }
    .card-form {
      display: grid;
      gap: 1rem;
    }
    fieldset {
      display: grid;
      gap: 0.6rem;
      border: 1px solid var(--line);
      border-radius: 10px;
      background: var(--surface);
      padding: 1rem;
    }
    legend {
      font-weight: 600;
      padding: 0 0.3rem;
    }
    label {
      display: grid;
      gap: 0.2rem;
      min-width: 0;
    }
    label input {
      width: 100%;
    }
    .row {
      display: grid;
      grid-template-columns: 2fr 1fr;
      align-items: end;
      gap: 0.6rem;
    }
    .cards {
      list-style: none;
      padding: 0;
      margin: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
    }
    .card-chip {
      font-size: 0.85rem;
      padding: 0.25rem 0.6rem;
    }
    .notice p {
      margin: 0.3rem 0 0;
    }
    .place {
      justify-self: start;
      padding: 0.6rem 1.6rem;
    }
    .summary {
      background: var(--surface);
      border: 1px solid var(--line);
      border-radius: 10px;
      padding: 1rem;
    }
    .summary h2 {
      margin-top: 0;
    }
    .summary ul {
      list-style: none;
      padding: 0;
      display: grid;
      gap: 0.4rem;
    }
    .summary li,
    .total {
      display: flex;
      justify-content: space-between;
      gap: 1rem;
    }
    @media (max-width: 820px) {
      .layout {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    /* A phone: the city and the postal code on rows of their own. */
    @media (max-width: 480px) {
      .row {
        grid-template-columns: minmax(0, 1fr);
      }
    }
  `,
})
export class CheckoutPage {
  protected readonly checkout = inject(CheckoutState);
  protected readonly cart = inject(CartState);
  protected readonly session = inject(SessionStore);
  protected readonly choice = inject(DeliveryChoice);
  /** The cart priced by the server for the chosen delivery: what the order will be charged. */
  protected readonly quote = cartQuote();
  protected readonly countryName = countryName;
  private readonly router = inject(Router);

  protected readonly testCards = TEST_CARDS;
  protected readonly money = formatMoney;
  protected readonly formError = signal<string | undefined>(undefined);
  protected readonly form = inject(NonNullableFormBuilder).group({
    cardNumber: [
      SIMULATED_TEST_CARDS.approve as string,
      [Validators.required, Validators.pattern(/^[\d\s-]{12,23}$/)],
    ],
    shipping: inject(NonNullableFormBuilder).group({
      name: [''],
      line1: [''],
      city: [''],
      postalCode: [''],
    }),
  });

  constructor() {
    effect(() => {
      const outcome = this.checkout.outcome();
      if (outcome.kind === 'placed') {
        this.cart.reload();
        void this.router.navigate(['/orders', outcome.order.id], { queryParams: { placed: 1 } });
      } else if (outcome.kind === 'failed') {
        // The server released the stock of a failed order: show the cart as it is now.
        this.cart.reload();
      }
    });
  }

  protected failure() {
    const outcome = this.checkout.outcome();
    return outcome.kind === 'failed' ? outcome : undefined;
  }

  protected advice(): string {
    switch (this.failure()?.failure) {
      case 'out-of-stock':
        return 'Nothing was charged and the order was cancelled. Lower the quantity or remove the item, then order again.';
      case 'declined':
        return 'Nothing was charged and your items were released. Try another card.';
      case 'busy':
        return 'Nothing was charged and your items were released. Please try again shortly.';
      case 'unknown':
        return 'Trying again is safe: it uses the same checkout reference, so you are never charged twice.';
      default:
        return '';
    }
  }

  protected buttonLabel(): string {
    const outcome = this.checkout.outcome();
    if (outcome.kind === 'submitting') return outcome.retry ? 'Retrying…' : 'Placing your order…';
    if (outcome.kind === 'failed') return 'Try again';
    return 'Place order';
  }

  protected useCard(number: string): void {
    this.form.controls.cardNumber.setValue(number);
  }

  protected placeOrder(): void {
    const { cardNumber, shipping } = this.form.getRawValue();
    if (this.form.controls.cardNumber.invalid) {
      this.formError.set('Enter a card number of 12 to 19 digits (or pick a test card).');
      return;
    }
    const filled = Object.values(shipping).filter((v) => v.trim() !== '').length;
    const fields = Object.keys(shipping).length;
    if (filled > 0 && filled < fields) {
      this.formError.set('Fill in every field of the shipping address, or leave them all empty.');
      return;
    }
    this.formError.set(undefined);
    const request: PlaceOrderRequest = {
      cardNumber: cardNumber.replace(/[\s-]/g, ''),
      destinationCountry: this.choice.country(),
      shippingMethod: this.choice.shippingMethod(),
    };
    if (filled === fields) {
      const address: ShippingAddress = {
        name: shipping.name.trim(),
        line1: shipping.line1.trim(),
        city: shipping.city.trim(),
        postalCode: shipping.postalCode.trim(),
        country: this.choice.country(),
      };
      request.shippingAddress = address;
    }
    this.checkout.submit(request);
  }
}
