import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ProductDto } from '@shop/contracts';
import { SessionStore } from '@shop/web';
import { CartState } from '../../core/cart/cart-state';
import { formatMoney } from '../../core/format/money';
import { ShopPricing } from '../../core/pricing/shop-pricing';

/**
 * One product in a grid: picture, name, price (and a VIP shopper's VIP price) and whether it can be bought, and for a signed-in shopper a
 * button that adds one unit to the cart at once. The picture has no text of its own: the name follows in the
 * same link.
 */
@Component({
  selector: 'sf-product-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <div class="product-card">
      <a class="link" [routerLink]="['/product', product().id]">
        <img [src]="product().imageUrl" alt="" loading="lazy" width="240" height="180" />
        <span class="category">{{ product().category }}</span>
        <strong class="name">{{ product().name }}</strong>
        @if (vipPrice(); as vip) {
          <span class="price">
            <del class="was"><span class="visually-hidden">List price </span>{{ price() }}</del>
            <span class="vip-price" data-testid="vip-price"
              ><span class="visually-hidden">Your VIP price </span>{{ vip }}</span
            >
            <span class="vip-tag" aria-hidden="true">VIP</span>
          </span>
        } @else {
          <span class="price">{{ price() }}</span>
        }
        <span class="stock" [class.out]="product().available === 0" [class.low]="low()">{{ stock() }}</span>
      </a>
      @if (session.isSignedIn() && product().available > 0) {
        <div class="buy">
          <button type="button" class="add" (click)="cart.add(product(), 1)">
            Add to cart<span class="visually-hidden">: {{ product().name }}</span>
          </button>
          @if (inCart(); as quantity) {
            <span class="in-cart small">{{ quantity }} in cart</span>
          }
        </div>
      }
    </div>
  `,
  styles: `
    .product-card {
      display: grid;
      grid-template-rows: 1fr auto;
      gap: 0.5rem;
      padding: 0.75rem;
      border: 1px solid var(--line);
      border-radius: 10px;
      background: var(--surface);
      height: 100%;
    }
    .product-card:hover {
      border-color: var(--accent);
    }
    .link {
      display: grid;
      align-content: start;
      gap: 0.25rem;
      color: inherit;
      text-decoration: none;
    }
    .buy {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    .in-cart {
      color: var(--muted);
    }
    img {
      width: 100%;
      height: auto;
      aspect-ratio: 4 / 3;
      object-fit: cover;
      border-radius: 6px;
      background: var(--line);
    }
    .category {
      font-size: 0.75rem;
      text-transform: uppercase;
      color: var(--muted);
    }
    .price {
      font-weight: 600;
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.1rem 0.4rem;
    }
    .was {
      color: var(--muted);
      font-weight: 400;
    }
    .vip-tag {
      font-size: 0.7rem;
      padding: 0 0.35rem;
      border-radius: 4px;
      background: #fde68a;
      color: #78350f;
    }
    .stock {
      font-size: 0.85rem;
      color: var(--ok);
    }
    .stock.low {
      color: var(--warn);
    }
    .stock.out {
      color: var(--danger);
    }
  `,
})
export class ProductCard {
  readonly product = input.required<ProductDto>();
  protected readonly session = inject(SessionStore);
  protected readonly cart = inject(CartState);

  /** Units of this product in the cart, pending changes included. */
  protected readonly inCart = computed(
    () => this.cart.items().find((i) => i.productId === this.product().id)?.quantity ?? 0,
  );

  private readonly pricing = inject(ShopPricing);

  protected readonly price = computed(() => formatMoney(this.product().price));
  /** A VIP shopper's price of the product (the VIP discount of the shop's pricing rules). */
  protected readonly vipPrice = computed(() => {
    const vip = this.pricing.vipPrice(this.product().price);
    return vip ? formatMoney(vip) : undefined;
  });
  protected readonly low = computed(() => {
    const p = this.product();
    return p.available > 0 && p.available <= p.lowStockThreshold;
  });
  protected readonly stock = computed(() => {
    const available = this.product().available;
    if (available === 0) return 'Out of stock';
    return this.low() ? `Only ${available} left` : 'In stock';
  });
}
