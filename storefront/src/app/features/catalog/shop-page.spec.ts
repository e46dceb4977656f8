import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import type { ProductDto, ProductPage } from '@shop/contracts';
import { EVENT_SOURCE_FACTORY, SessionStore, fakeEventSources } from '@shop/web';
import { VIP_USER, tokensFor } from '../../core/auth/test-tokens';
import { CartState } from '../../core/cart/cart-state';
import { cartItem, cartOf } from '../../core/cart/test-cart';
import { ShopPage } from './shop-page';

function product(n: number, overrides: Partial<ProductDto> = {}): ProductDto {
  return {
    id: `p-${n}`,
    sku: `SKU-${n}`,
    name: `Product ${n}`,
    description: 'A product',
    category: 'electronics',
    imageUrl: `/assets/products/p-${n}.svg`,
    price: { amountMinor: 1999, currency: 'USD' },
    available: 20,
    onHand: 20,
    reserved: 0,
    lowStockThreshold: 5,
    version: 1,
    updatedAt: '2026-11-23T22:00:00.000Z',
    ...overrides,
  };
}

describe('ShopPage', () => {
  let backend: HttpTestingController;
  let sources: ReturnType<typeof fakeEventSources>;

  beforeEach(() => {
    localStorage.clear();
    sources = fakeEventSources();
    TestBed.configureTestingModule({
      providers: [
        { provide: EVENT_SOURCE_FACTORY, useValue: sources.factory },
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  it('asks for the filtered page and renders a card per product with price and stock', async () => {
    const fixture = TestBed.createComponent(ShopPage);
    fixture.componentRef.setInput('category', 'electronics');
    fixture.componentRef.setInput('q', 'lamp');
    fixture.componentRef.setInput('page', '2');
    await fixture.whenStable();
    const list = backend.expectOne((req) => req.url === '/api/products');
    expect(list.request.params.get('category')).toBe('electronics');
    expect(list.request.params.get('q')).toBe('lamp');
    expect(list.request.params.get('page')).toBe('2');
    expect(list.request.params.get('pageSize')).toBe('24');
    expect(list.request.params.has('sort')).toBe(false);
    const page: ProductPage = {
      items: [product(1), product(2, { available: 0 }), product(3, { available: 3 })],
      page: 2,
      pageSize: 24,
      total: 27,
      servedBy: { instanceId: 'inventory-2', source: 'cache', consistency: 'eventual' },
    };
    list.flush(page);
    backend.expectOne('/api/categories').flush([{ name: 'electronics', productCount: 27 }]);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const cards = el.querySelectorAll('sf-product-card');
    expect(cards).toHaveLength(3);
    expect(cards[0].textContent).toContain('$19.99');
    expect(cards[1].textContent).toContain('Out of stock');
    expect(cards[2].textContent).toContain('Only 3 left');
    expect(el.textContent).toContain('page 2 of 2');
    expect(el.textContent).toContain('served by inventory-2 from cache');
  });

  it("follows the shown products' stock over one stream and shows a product selling out", async () => {
    const fixture = TestBed.createComponent(ShopPage);
    await fixture.whenStable();
    backend
      .expectOne((req) => req.url === '/api/products')
      .flush({ items: [product(2), product(1)], page: 1, pageSize: 24, total: 2 });
    backend.expectOne('/api/categories').flush([]);
    await fixture.whenStable();
    expect(sources.opened.map((s) => s.url)).toEqual(['/api/stock/stream?productIds=p-1,p-2']);
    const cards = () => (fixture.nativeElement as HTMLElement).querySelectorAll('sf-product-card');
    expect(cards()[0].textContent).toContain('In stock');

    sources.opened[0].emit('stock', {
      items: [{ productId: 'p-2', available: 0, price: { amountMinor: 1999, currency: 'USD' } }],
    });
    await fixture.whenStable();
    expect(cards()[0].textContent).toContain('Out of stock');
    expect(cards()[1].textContent).toContain('In stock');

    fixture.destroy();
    expect(sources.opened[0].closed).toBe(true);
  });

  it('labels the search box and the sort control, and marks the current category', async () => {
    const fixture = TestBed.createComponent(ShopPage);
    fixture.componentRef.setInput('category', 'Books');
    await fixture.whenStable();
    backend
      .expectOne((req) => req.url === '/api/products')
      .flush({ items: [], page: 1, pageSize: 24, total: 0 });
    backend.expectOne('/api/categories').flush([
      { name: 'Books', productCount: 22 },
      { name: 'Garden', productCount: 22 },
    ]);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('form[role=search]')).not.toBeNull();
    const input = el.querySelector('input[type=search]') as HTMLInputElement;
    expect(el.querySelector(`label[for="${input.id}"]`)?.textContent?.trim()).toBe('Search products');
    const select = el.querySelector('select') as HTMLSelectElement;
    expect(select.closest('label')?.textContent).toContain('Sort by');
    const current = el.querySelectorAll('nav.categories a[aria-current=page]');
    expect(current).toHaveLength(1);
    expect(current[0].textContent).toContain('Books');
  });

  it('shows a clean state instead of crashing when the catalogue route is missing', async () => {
    const fixture = TestBed.createComponent(ShopPage);
    await fixture.whenStable();
    backend
      .expectOne((req) => req.url === '/api/products')
      .flush(
        { statusCode: 404, code: 'NOT_FOUND', message: 'Cannot GET /api/products' },
        { status: 404, statusText: 'Not Found' },
      );
    backend.expectOne('/api/categories').flush({}, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    const state = (fixture.nativeElement as HTMLElement).querySelector('[role=alert]');
    expect(state?.textContent).toContain('The catalogue is not available');
    expect(state?.textContent).toContain('Cannot GET /api/products');
  });

  it('lets a signed-in shopper add a product from its card, shown in the cart at once', async () => {
    TestBed.inject(SessionStore).signIn(tokensFor(VIP_USER));
    const cart = TestBed.inject(CartState);
    TestBed.tick();
    backend.expectOne('/api/cart').flush(cartOf([]));
    const fixture = TestBed.createComponent(ShopPage);
    await fixture.whenStable();
    backend
      .expectOne((req) => req.url === '/api/products')
      .flush({ items: [product(1), product(2, { available: 0 })], page: 1, pageSize: 24, total: 2 });
    backend.expectOne('/api/categories').flush([]);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const cards = el.querySelectorAll('sf-product-card');
    // No button for a sold-out product, and no button inside the card's link.
    expect(cards[1].querySelector('button')).toBeNull();
    expect(el.querySelector('a button')).toBeNull();
    const add = cards[0].querySelector('button') as HTMLButtonElement;
    expect(add.textContent?.replace(/\s+/g, ' ').trim()).toBe('Add to cart: Product 1');
    add.click();
    await fixture.whenStable();
    expect(cart.count()).toBe(1);
    expect(cards[0].textContent).toContain('1 in cart');
    const post = backend.expectOne({ method: 'POST', url: '/api/cart/items' });
    expect(post.request.body).toEqual({ productId: 'p-1', quantity: 1 });
    post.flush(cartOf([cartItem({ productId: 'p-1', name: 'Product 1', quantity: 1 })]));
    expect(cart.changing()).toBe(false);
  });
});
