import { ChangeDetectionStrategy, Component, computed, inject, input, numberAttribute } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { catchError, of } from 'rxjs';
import type { CategoryDto, ProductSort } from '@shop/contracts';
import { loadOnChange } from '../../core/api/loadable';
import { LiveStock } from '../../core/stock/live-stock';
import { ProblemState } from '../../core/ui/problem-state';
import { CatalogApi } from './catalog-api';
import { ProductCard } from './product-card';

const PAGE_SIZE = 24;
const SORTS: { value: ProductSort; label: string }[] = [
  { value: 'relevance', label: 'Relevance' },
  { value: 'name', label: 'Name' },
  { value: 'price-asc', label: 'Price: low to high' },
  { value: 'price-desc', label: 'Price: high to low' },
  { value: 'newest', label: 'Newest' },
];

/**
 * The catalogue grid. Filters live in the URL (?category&q&sort&page), so a page can be shared and reloaded;
 * the stock stream keeps the shown products' availability and prices current.
 */
@Component({
  selector: 'sf-shop-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ProductCard, ProblemState, RouterLink],
  providers: [LiveStock],
  template: `
    <header class="page-head">
      <h1>{{ category() ?? 'All products' }}</h1>
      <form class="filters" role="search" (submit)="$event.preventDefault(); search(q.value)">
        <label class="visually-hidden" for="shop-search">Search products</label>
        <input
          #q
          id="shop-search"
          type="search"
          name="q"
          placeholder="Search products"
          [value]="query() ?? ''"
        />
        <button type="submit">Search</button>
        <label class="sort">
          Sort by
          <select name="sort" (change)="sortChanged($event)">
            @for (s of sorts; track s.value) {
              <option [value]="s.value" [selected]="s.value === (sort() ?? 'relevance')">
                {{ s.label }}
              </option>
            }
          </select>
        </label>
      </form>
    </header>
    <div class="layout">
      <nav class="categories" aria-label="Categories">
        <a
          [routerLink]="[]"
          [queryParams]="{ category: null, page: null }"
          queryParamsHandling="merge"
          [class.active]="!category()"
          [attr.aria-current]="!category() ? 'page' : null"
          >All</a
        >
        @for (c of categories(); track c.name) {
          <a
            [routerLink]="[]"
            [queryParams]="{ category: c.name, page: null }"
            queryParamsHandling="merge"
            [class.active]="c.name === category()"
            [attr.aria-current]="c.name === category() ? 'page' : null"
          >
            {{ c.name }} <span class="muted small">{{ c.productCount }}</span>
          </a>
        }
      </nav>
      <section class="results">
        @switch (products().status) {
          @case ('loading') {
            <p class="muted">Loading products…</p>
          }
          @case ('error') {
            <sf-problem-state [error]="error()" what="The catalogue" />
          }
          @case ('ok') {
            @if (productPage(); as p) {
              @if (p.items.length === 0) {
                <section class="state">
                  <h2>No products match</h2>
                  <p>Try another search or category.</p>
                </section>
              } @else {
                <p class="muted small">
                  {{ p.total }} products · page {{ p.page }} of {{ pages() }}{{ servedBy() }}
                </p>
                <div class="grid">
                  @for (product of liveItems(); track product.id) {
                    <sf-product-card [product]="product" />
                  }
                </div>
                <nav class="pager" aria-label="Pages">
                  <button type="button" [disabled]="p.page <= 1" (click)="navigate({ page: p.page - 1 })">
                    Previous
                  </button>
                  <span>Page {{ p.page }} of {{ pages() }}</span>
                  <button
                    type="button"
                    [disabled]="p.page >= pages()"
                    (click)="navigate({ page: p.page + 1 })"
                  >
                    Next
                  </button>
                </nav>
              }
            }
          }
        }
      </section>
    </div>
  `,
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      margin-left: auto;
      max-width: 100%;
    }
    .filters input {
      flex: 1 1 10rem;
      min-width: 0;
    }
    .sort {
      display: flex;
      align-items: center;
      gap: 0.4rem;
      white-space: nowrap;
    }
    .sort select {
      min-width: 0;
    }
    .layout {
      display: grid;
      grid-template-columns: 200px minmax(0, 1fr);
      gap: 1.5rem;
    }
    .categories {
      display: grid;
      align-content: start;
      gap: 0.15rem;
    }
    .categories a {
      padding: 0.35rem 0.6rem;
      border-radius: 6px;
      color: inherit;
      text-decoration: none;
      text-transform: capitalize;
    }
    .categories a.active,
    .categories a:hover {
      background: var(--accent-soft);
    }
    .categories a.active {
      font-weight: 600;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 200px), 1fr));
      gap: 1rem;
    }
    .pager {
      display: flex;
      gap: 1rem;
      align-items: center;
      justify-content: center;
      margin-top: 1.5rem;
    }
    /* A phone: categories become a row of wrapping chips above two columns of products. */
    @media (max-width: 720px) {
      .layout {
        grid-template-columns: minmax(0, 1fr);
      }
      .filters {
        margin-left: 0;
        width: 100%;
      }
      .categories {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
      }
      .categories a {
        border: 1px solid var(--line);
        background: var(--surface);
      }
      .grid {
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 140px), 1fr));
        gap: 0.6rem;
      }
    }
  `,
})
export class ShopPage {
  private readonly api = inject(CatalogApi);
  private readonly router = inject(Router);
  private readonly live = inject(LiveStock);

  /** Query parameters, bound by the router. */
  readonly category = input<string>();
  readonly q = input<string>();
  readonly sort = input<ProductSort>();
  readonly page = input(1, { transform: (v: unknown) => Math.max(1, numberAttribute(v, 1)) });

  protected readonly sorts = SORTS;
  protected readonly query = this.q;

  protected readonly products = loadOnChange(
    () => ({
      category: this.category(),
      q: this.q(),
      sort: this.sort(),
      page: this.page(),
      pageSize: PAGE_SIZE,
    }),
    (params) => this.api.list(params),
  );
  protected readonly productPage = computed(() => {
    const state = this.products();
    return state.status === 'ok' ? state.value : undefined;
  });
  /** The page's products with the stock stream's latest figures. */
  protected readonly liveItems = computed(() =>
    (this.productPage()?.items ?? []).map((product) => this.live.apply(product)),
  );
  protected readonly error = computed(() => {
    const state = this.products();
    return state.status === 'error' ? state.error : undefined;
  });
  protected readonly pages = computed(() => {
    const p = this.productPage();
    return p ? Math.max(1, Math.ceil(p.total / p.pageSize)) : 1;
  });

  /** The category list is optional: without it the grid still works. */
  private readonly categoryState = loadOnChange(
    () => 0,
    () => this.api.categories().pipe(catchError(() => of<CategoryDto[]>([]))),
  );
  protected readonly categories = computed(() => {
    const state = this.categoryState();
    return state.status === 'ok' ? state.value : [];
  });

  /** Which inventory instance answered and from where (cache, primary, replica): the system at work. */
  protected readonly servedBy = computed(() => {
    const source = this.productPage()?.servedBy;
    return source ? ` · served by ${source.instanceId} from ${source.source}` : '';
  });

  constructor() {
    this.live.follow(() => this.productPage()?.items.map((p) => p.id) ?? []);
  }

  protected sortChanged(event: Event): void {
    this.navigate({ sort: (event.target as HTMLSelectElement).value, page: null });
  }

  protected search(q: string): void {
    this.navigate({ q: q.trim() || null, page: null });
  }

  protected navigate(params: Record<string, string | number | null>): void {
    void this.router.navigate([], { queryParams: params, queryParamsHandling: 'merge' });
  }
}
