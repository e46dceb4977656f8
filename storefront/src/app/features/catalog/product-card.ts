import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ProductDto } from '@shop/contracts';
import { formatMoney } from '../../core/format/money';

/**
 * One product in a grid: picture, name, price and whether it can be bought. The picture has no text of its
 * own: the name follows in the same link.
 */
@Component({
  selector: 'sf-product-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <a class="product-card" [routerLink]="['/product', product().id]">
      <img [src]="product().imageUrl" alt="" loading="lazy" width="240" height="180" />
      <span class="category">{{ product().category }}</span>
      <strong class="name">{{ product().name }}</strong>
      <span class="price">{{ price() }}</span>
      <span class="stock" [class.out]="product().available === 0" [class.low]="low()">{{ stock() }}</span>
    </a>
  `,
  styles: `
    .product-card {
      display: grid;
      gap: 0.25rem;
      padding: 0.75rem;
      border: 1px solid var(--line);
      border-radius: 10px;
      background: var(--surface);
      color: inherit;
      text-decoration: none;
      height: 100%;
    }
    .product-card:hover {
      border-color: var(--accent);
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

  protected readonly price = computed(() => formatMoney(this.product().price));
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
