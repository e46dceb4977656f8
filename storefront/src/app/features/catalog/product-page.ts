import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { formatMoney } from '../../core/format/money';
import { loadOnChange } from '../../core/api/loadable';
import { ProblemState } from '../../core/ui/problem-state';
import { SessionStore } from '@shop/web';
import { CartState } from '../../core/cart/cart-state';
import { LiveStock } from '../../core/stock/live-stock';
import { isUuid } from '@shop/contracts';
import type { ProductDto } from '@shop/contracts';
import { CatalogApi } from './catalog-api';

/** One product with its description, price and live availability (the stock stream keeps it current). */
@Component({
  selector: 'sf-product-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ProblemState],
  providers: [LiveStock],
  template: `
    <a routerLink="/shop" class="back">← Back to the shop</a>
    @switch (state().status) {
      @case ('loading') {
        <p class="muted">Loading…</p>
      }
      @case ('error') {
        <sf-problem-state [error]="error()" what="This product">
          <a class="button" routerLink="/shop">Browse the shop</a>
        </sf-problem-state>
      }
      @case ('ok') {
        @if (product(); as p) {
          <article class="product">
            <img [src]="p.imageUrl" [alt]="p.name" width="480" height="360" />
            <div class="info">
              <span class="category">{{ p.category }}</span>
              <h1>{{ p.name }}</h1>
              <p class="price">{{ price() }}</p>
              <p [class.out]="p.available === 0" class="stock">
                {{ p.available === 0 ? 'Out of stock' : p.available + ' available' }}
              </p>
              <p>{{ p.description }}</p>
              <p class="muted small">SKU {{ p.sku }}</p>
              @if (session.isSignedIn()) {
                <div class="buy">
                  <label class="qty">
                    Quantity
                    <input #qty type="number" min="1" max="99" value="1" [disabled]="p.available === 0" />
                  </label>
                  <button
                    type="button"
                    class="primary"
                    [disabled]="p.available === 0"
                    (click)="addToCart(p, qty.valueAsNumber)"
                  >
                    Add to cart
                  </button>
                </div>
                @if (inCart(); as line) {
                  <p class="in-cart">
                    {{ line.quantity }} in your cart{{ cart.pending().has(p.id) ? ', saving…' : '' }} ·
                    <a routerLink="/cart">View cart</a>
                  </p>
                }
              } @else {
                <a
                  class="button primary"
                  routerLink="/login"
                  [queryParams]="{ returnUrl: '/product/' + p.id }"
                >
                  Sign in to buy
                </a>
              }
            </div>
          </article>
        }
      }
    }
  `,
  styles: `
    .back {
      display: inline-block;
      margin-bottom: 1rem;
    }
    .product {
      display: grid;
      grid-template-columns: minmax(240px, 480px) minmax(0, 1fr);
      gap: 2rem;
    }
    img {
      width: 100%;
      height: auto;
      border-radius: 10px;
      background: var(--line);
    }
    .category {
      text-transform: uppercase;
      font-size: 0.8rem;
      color: var(--muted);
    }
    .price {
      font-size: 1.5rem;
      font-weight: 600;
    }
    .stock {
      color: var(--ok);
    }
    .stock.out {
      color: var(--danger);
    }
    .buy {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    .qty {
      display: flex;
      align-items: center;
      gap: 0.4rem;
    }
    .buy input {
      width: 5rem;
    }
    .in-cart {
      color: var(--muted);
    }
    @media (max-width: 720px) {
      .product {
        grid-template-columns: minmax(0, 1fr);
        gap: 1rem;
      }
    }
  `,
})
export class ProductPage {
  private readonly api = inject(CatalogApi);
  protected readonly session = inject(SessionStore);
  private readonly live = inject(LiveStock);

  /** Route parameter, bound by the router. */
  readonly id = input.required<string>();

  protected readonly state = loadOnChange(
    () => this.id(),
    (id) => this.api.get(id),
  );
  protected readonly product = computed(() => {
    const s = this.state();
    return s.status === 'ok' ? this.live.apply(s.value.product) : undefined;
  });
  protected readonly error = computed(() => {
    const s = this.state();
    return s.status === 'error' ? s.error : undefined;
  });
  protected readonly price = computed(() => formatMoney(this.product()?.price));

  protected readonly cart = inject(CartState);
  /** This product's line in the cart, pending changes included. */
  protected readonly inCart = computed(() => {
    const id = this.product()?.id;
    return this.cart.items().find((i) => i.productId === id);
  });

  constructor() {
    // A malformed id in the address is a missing product: no stream to follow.
    this.live.follow(() => (isUuid(this.id()) ? [this.id()] : []));
  }

  /** Adds to the cart at once; the cart's messages say when the server confirms or refuses. */
  protected addToCart(product: ProductDto, quantity: number): void {
    const units = Number.isInteger(quantity) && quantity >= 1 && quantity <= 99 ? quantity : 1;
    this.cart.add(product, units);
  }
}
