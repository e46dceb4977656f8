import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { catchError, of } from 'rxjs';
import type { CategoryDto } from '@shop/contracts';
import { SessionStore } from '@shop/web';
import { loadOnChange } from '../../core/api/loadable';
import { formatMoney } from '../../core/format/money';
import { ShopPricing } from '../../core/pricing/shop-pricing';
import { CatalogApi } from './catalog-api';
import { ProductCard } from './product-card';

/**
 * Landing page: a greeting that knows the shopper (or a guest); for a VIP shopper a VIP badge, the VIP
 * discount, and VIP prices on the products; the categories and the newest products.
 */
@Component({
  selector: 'sf-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ProductCard],
  template: `
    <section class="hero" [class.vip]="session.isVip()">
      @if (session.user(); as user) {
        <h1>
          Welcome back
          @if (session.isVip()) {
            <span class="vip-badge" data-testid="vip-badge">VIP</span>
          }
        </h1>
        <p class="who">Signed in as {{ user.email }}.</p>
        @if (session.isVip()) {
          <p data-testid="vip-perks">
            @if (pricing.vipPercent(); as percent) {
              Your VIP price: <strong>{{ percent }} % off</strong> every order, shown on every product.
            }
            Your orders go to the front of the queue.
          </p>
        }
      } @else {
        <h1>Everything you need, shipped fast</h1>
        <p>Browse as a guest, or sign in to fill a cart and order.</p>
      }
      @if (freeShippingFrom(); as from) {
        <p class="small" data-testid="free-shipping">Free standard shipping on orders from {{ from }}.</p>
      }
      <a class="button primary" routerLink="/shop">Shop now</a>
    </section>

    @if (categories().length > 0) {
      <h2>Categories</h2>
      <ul class="chips">
        @for (c of categories(); track c.name) {
          <li>
            <a routerLink="/shop" [queryParams]="{ category: c.name }">{{ c.name }}</a>
          </li>
        }
      </ul>
    }

    <h2>New in</h2>
    @switch (newest().status) {
      @case ('loading') {
        <p class="muted">Loading…</p>
      }
      @case ('error') {
        <section class="state">
          <p>The catalogue is not available right now. Please try again in a moment.</p>
        </section>
      }
      @case ('ok') {
        @if (newestItems().length === 0) {
          <p class="muted">No products yet.</p>
        }
        <div class="grid">
          @for (product of newestItems(); track product.id) {
            <sf-product-card [product]="product" />
          }
        </div>
      }
    }
  `,
  styles: `
    .hero {
      padding: 2.5rem 2rem;
      border-radius: 14px;
      background: linear-gradient(135deg, #0f766e, #115e59 60%, #134e4a);
      color: #fff;
      margin-bottom: 2rem;
    }
    .hero.vip {
      background: linear-gradient(135deg, #3b0764, #581c87 60%, #4c1d95);
    }
    .hero h1 {
      font-size: 2rem;
      margin: 0 0 0.5rem;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    .hero .who {
      overflow-wrap: anywhere;
    }
    .vip-badge {
      font-size: 0.9rem;
      font-weight: 700;
      letter-spacing: 0.05em;
      padding: 0.15rem 0.6rem;
      border-radius: 999px;
      background: #fde68a;
      color: #78350f;
    }
    .hero :focus-visible {
      outline-color: #fff;
    }
    .hero .button {
      background: #fff;
      color: #0f766e;
      border-color: #fff;
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      list-style: none;
      padding: 0;
      margin: 0 0 2rem;
    }
    .chips a {
      display: inline-block;
      padding: 0.35rem 0.9rem;
      border-radius: 999px;
      background: var(--accent-soft);
      color: inherit;
      text-decoration: none;
      text-transform: capitalize;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 200px), 1fr));
      gap: 1rem;
    }
    @media (max-width: 720px) {
      .hero {
        padding: 1.5rem 1.25rem;
      }
      .hero h1 {
        font-size: 1.5rem;
      }
      .grid {
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 140px), 1fr));
        gap: 0.6rem;
      }
    }
  `,
})
export class HomePage {
  private readonly api = inject(CatalogApi);
  protected readonly session = inject(SessionStore);
  protected readonly pricing = inject(ShopPricing);
  protected readonly freeShippingFrom = computed(() => {
    const from = this.pricing.summary()?.freeShippingFrom;
    return from ? formatMoney(from) : undefined;
  });

  protected readonly newest = loadOnChange(
    () => 0,
    () => this.api.list({ sort: 'newest', pageSize: 8 }),
  );
  protected readonly newestItems = computed(() => {
    const s = this.newest();
    return s.status === 'ok' ? s.value.items : [];
  });

  private readonly categoryState = loadOnChange(
    () => 0,
    () => this.api.categories().pipe(catchError(() => of<CategoryDto[]>([]))),
  );
  protected readonly categories = computed(() => {
    const s = this.categoryState();
    return s.status === 'ok' ? s.value : [];
  });
}
