import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MAX_CART_LINE_QUANTITY } from '@shop/contracts';
import type { CartItemDto } from '@shop/contracts';
import { CartState } from '../../core/cart/cart-state';
import { formatMoney } from '../../core/format/money';
import { cartQuote } from '../../core/pricing/cart-quote';
import { DeliveryPicker } from '../../core/pricing/delivery-picker';
import { PriceBreakdownView } from '../../core/pricing/price-breakdown';
import { LiveStock } from '../../core/stock/live-stock';
import { ProblemState } from '../../core/ui/problem-state';
import { holdLeft } from './hold-left';

/**
 * The cart: every line with its current price, live availability (the stock stream's figures as they change,
 * or the last known one, marked stale when inventory did not answer in time), a flag on a product that sold
 * out, and how long its stock stays held, and the server's price of the cart line by line (subtotal, VIP
 * discount, shipping, tax, total) for the chosen destination and shipping method. Changes show at once,
 * marked as saving, and each one is put back when the server refuses it (the app's cart messages say why).
 */
@Component({
  selector: 'sf-cart-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ProblemState, DeliveryPicker, PriceBreakdownView],
  providers: [LiveStock],
  template: `
    <header class="page-head">
      <h1>Your cart</h1>
      <button type="button" class="reload" (click)="cart.reload()" [disabled]="cart.loading()">
        {{ cart.loading() ? 'Checking…' : 'Check availability' }}
      </button>
    </header>

    @if (cart.cart(); as c) {
      @if (c.items.length === 0) {
        <section class="state">
          <h2>Your cart is empty</h2>
          <p>Add products from the shop; each one is held for you for 15 minutes.</p>
          <a class="button primary" routerLink="/shop">Browse the shop</a>
        </section>
      } @else {
        @if (c.stale) {
          <p class="notice warn" role="status" data-testid="stale-banner">
            Inventory did not answer in time: some availability below is the last known figure.
          </p>
        }
        <ul class="lines">
          @for (item of c.items; track item.productId) {
            <li class="line" [attr.data-product]="item.productId" [class.pending]="isPending(item)">
              <img [src]="item.imageUrl" alt="" width="96" height="72" />
              <div class="what">
                <a [routerLink]="['/product', item.productId]" class="name">{{ item.name }}</a>
                <span class="muted small">{{ money(item.unitPrice) }} each</span>
                <span class="availability small" [class.out]="available(item) === 0">
                  {{ availability(item) }}
                  @if (item.stale) {
                    <span class="stale" title="Inventory did not answer within 3 s"
                      >stale · checked {{ item.checkedAt.slice(11, 19) }}</span
                    >
                  }
                </span>
                @if (soldOut(item); as text) {
                  <strong class="sold-out small" data-testid="sold-out">{{ text }}</strong>
                }
                @if (hold(item).text; as text) {
                  <span class="hold small" [class.expired]="hold(item).expired">{{ text }}</span>
                }
                @if (isPending(item)) {
                  <span class="saving small">{{
                    cart.waiting() ? 'Waiting for the connection…' : 'Saving…'
                  }}</span>
                }
              </div>
              <div class="qty" role="group" [attr.aria-label]="'Quantity of ' + item.name">
                <button
                  type="button"
                  aria-label="One less"
                  [disabled]="item.quantity <= 1"
                  (click)="cart.setQuantity(item.productId, item.quantity - 1)"
                >
                  −
                </button>
                <span class="count" data-testid="quantity">{{ item.quantity }}</span>
                <button
                  type="button"
                  aria-label="One more"
                  [disabled]="item.quantity >= maxQuantity || available(item) === 0"
                  (click)="cart.setQuantity(item.productId, item.quantity + 1)"
                >
                  +
                </button>
              </div>
              <strong class="line-total">{{ money(item.lineTotal) }}</strong>
              <div class="actions">
                @if (hold(item).expired) {
                  <button type="button" (click)="cart.setQuantity(item.productId, item.quantity)">
                    Hold again
                  </button>
                }
                <button type="button" class="link danger" (click)="cart.remove(item.productId)">
                  Remove
                </button>
              </div>
            </li>
          }
        </ul>
        <aside class="summary" aria-label="Order summary">
          <sf-delivery-picker idPrefix="cart" />
          <div class="figures">
            <p class="items">
              <span>{{ c.itemCount }} {{ c.itemCount === 1 ? 'item' : 'items' }}</span>
              <strong data-testid="items-total" [class.pending]="cart.changing()">{{
                money(c.total)
              }}</strong>
            </p>
            @if (quote.quote(); as q) {
              <sf-price-breakdown [breakdown]="q.breakdown" [pending]="quote.pending()" />
            } @else if (quote.failed()) {
              <p class="muted small">Shipping and tax are added at checkout.</p>
            }
            @if (cart.changing()) {
              <span class="saving small">Saving your changes…</span>
            }
            <a
              class="button primary"
              routerLink="/checkout"
              [class.disabled]="cart.changing()"
              [attr.aria-disabled]="cart.changing() ? 'true' : null"
              >Checkout</a
            >
          </div>
        </aside>
      }
    } @else if (cart.loadError()) {
      <sf-problem-state [error]="cart.loadError()" what="Your cart">
        <button type="button" (click)="cart.reload()">Try again</button>
      </sf-problem-state>
    } @else {
      <p class="muted">Loading your cart…</p>
    }
  `,
  styles: `
    .reload {
      margin-left: auto;
    }
    .lines {
      list-style: none;
      padding: 0;
      margin: 0 0 1rem;
      display: grid;
      gap: 0.75rem;
    }
    .line {
      display: grid;
      grid-template-columns: 96px 1fr auto 7rem auto;
      gap: 1rem;
      align-items: center;
      padding: 0.75rem;
      background: var(--surface);
      border: 1px solid var(--line);
      border-radius: 10px;
    }
    /* A line with a change the server has not answered yet. */
    .line.pending {
      border-style: dashed;
      border-color: var(--accent);
    }
    .saving {
      color: var(--muted);
      font-style: italic;
    }
    img {
      width: 96px;
      height: 72px;
      object-fit: cover;
      border-radius: 6px;
      background: var(--line);
    }
    .what {
      display: grid;
      gap: 0.15rem;
    }
    .name {
      font-weight: 600;
      color: inherit;
    }
    .availability {
      color: var(--ok);
    }
    .availability.out {
      color: var(--danger);
    }
    .stale {
      margin-left: 0.4rem;
      padding: 0 0.35rem;
      border-radius: 4px;
      background: #fef3c7;
      color: #92400e;
    }
    .sold-out {
      color: var(--danger);
    }
    .hold {
      color: var(--muted);
    }
    .hold.expired {
      color: var(--warn);
      font-weight: 600;
    }
    .qty {
      display: flex;
      align-items: center;
      gap: 0.4rem;
    }
    .qty button {
      padding: 0.2rem 0.6rem;
    }
    .count {
      min-width: 2ch;
      text-align: center;
      font-variant-numeric: tabular-nums;
    }
    .line-total {
      text-align: right;
    }
    .actions {
      display: grid;
      gap: 0.25rem;
    }
    button.link {
      border: none;
      background: none;
      padding: 0;
      color: var(--accent);
      text-decoration: underline;
    }
    button.link.danger {
      color: var(--danger);
    }
    .summary {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 22rem);
      gap: 1.25rem 2rem;
      align-items: start;
      padding: 1rem;
      background: var(--surface);
      border: 1px solid var(--line);
      border-radius: 10px;
    }
    .figures {
      display: grid;
      gap: 0.6rem;
    }
    .items {
      display: flex;
      justify-content: space-between;
      gap: 1rem;
      margin: 0;
    }
    .items .pending {
      color: var(--muted);
    }
    .figures .button {
      justify-self: end;
    }
    .button.disabled {
      pointer-events: none;
      opacity: 0.6;
    }
    @media (max-width: 720px) {
      .line {
        grid-template-columns: 72px 1fr;
      }
      .summary {
        grid-template-columns: minmax(0, 1fr);
      }
    }
  `,
})
export class CartPage {
  protected readonly cart = inject(CartState);
  /** Ticks every second so the hold countdowns move. */
  private readonly now = signal(Date.now());
  protected readonly maxQuantity = MAX_CART_LINE_QUANTITY;
  protected readonly money = formatMoney;
  /** The cart priced by the server (subtotal, VIP discount, shipping, tax, total). */
  protected readonly quote = cartQuote();
  private readonly live = inject(LiveStock);

  constructor() {
    this.cart.reload();
    this.live.follow(() => this.cart.items().map((i) => i.productId));
    const timer = setInterval(() => this.now.set(Date.now()), 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected isPending(item: CartItemDto): boolean {
    return this.cart.pending().has(item.productId);
  }

  /** Units others can still take: the stock stream's latest figure, else the cart's. */
  protected available(item: CartItemDto): number {
    return this.live.of(item.productId)?.available ?? item.available;
  }

  protected availability(item: CartItemDto): string {
    const available = this.available(item);
    if (available === 0) return 'No more available';
    return `${available} more available`;
  }

  /** Said on a line whose product has no units left for anyone: what it means for the shopper's units. */
  protected soldOut(item: CartItemDto): string | undefined {
    if (this.available(item) > 0 || this.isPending(item)) return undefined;
    return this.hold(item).expired || !item.reservedUntil
      ? 'Sold out: it cannot be ordered until it is back in stock'
      : item.quantity === 1
        ? 'Sold out: the one held for you stays yours until the hold ends'
        : `Sold out: the ${item.quantity} held for you stay yours until the hold ends`;
  }

  protected hold(item: CartItemDto): { text: string; expired: boolean } {
    return holdLeft(item.reservedUntil, this.now());
  }
}
