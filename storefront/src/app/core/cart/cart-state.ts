import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, effect, inject, signal } from '@angular/core';
import { Observable } from 'rxjs';
import type { CartDto, CartItemDto, Money } from '@shop/contracts';
import { toProblem, SessionStore } from '@shop/web';

/** A failed cart change, said for the shopper, with the product it concerned. */
export interface CartProblem {
  productId?: string;
  message: string;
}

function withQuantity(item: CartItemDto, quantity: number): CartItemDto {
  return {
    ...item,
    quantity,
    lineTotal: { ...item.unitPrice, amountMinor: item.unitPrice.amountMinor * quantity },
  };
}

function totalOf(items: readonly CartItemDto[], fallback: Money): Money {
  const currency = items[0]?.unitPrice.currency ?? fallback.currency;
  return { currency, amountMinor: items.reduce((sum, i) => sum + i.lineTotal.amountMinor, 0) };
}

/** The shopper-facing sentence for a refused cart change (409 carries what is still available). */
export function describeCartError(error: unknown, productName?: string): string {
  const problem = toProblem(error);
  const what = productName ?? 'This product';
  if (problem.code === 'OUT_OF_STOCK') {
    const max = Number(problem.details?.['maxQuantity'] ?? problem.details?.['available']);
    if (Number.isFinite(max))
      return max <= 0 ? `${what} is out of stock.` : `Only ${max} of ${what} can be held for you right now.`;
    return `${what}: ${problem.message}`;
  }
  if (problem.status === 404) return `${what} is no longer in your cart or the catalogue.`;
  return problem.message;
}

/**
 * The signed-in shopper's cart (`/api/cart`), shared by the header and the cart and checkout pages.
 * Changes are optimistic: the cart shows the new quantity at once and puts the line back as it was when the
 * server refuses (out of stock, unknown product, no instance answering). Reloaded on sign-in and sign-out.
 */
@Injectable({ providedIn: 'root' })
export class CartState {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);

  private readonly cartSignal = signal<CartDto | undefined>(undefined);
  readonly cart = this.cartSignal.asReadonly();
  readonly items = computed<readonly CartItemDto[]>(() => this.cartSignal()?.items ?? []);
  readonly count = computed(() => this.items().reduce((sum, item) => sum + item.quantity, 0));
  /** False while the cart route does not exist (404). */
  readonly available = signal(true);
  readonly loading = signal(false);
  /** The error of the last load, when it failed (the cart keeps its last known content). */
  readonly loadError = signal<unknown>(undefined);
  /** Products with a change in flight. */
  readonly pending = signal<ReadonlySet<string>>(new Set());
  /** The last refused change, until the next change or `dismiss()`. */
  readonly problem = signal<CartProblem | undefined>(undefined);

  constructor() {
    effect(() => {
      if (this.session.isSignedIn()) this.reload();
      else this.cartSignal.set(undefined);
    });
  }

  reload(): void {
    this.loading.set(true);
    this.http.get<CartDto>('/api/cart').subscribe({
      next: (cart) => {
        this.loading.set(false);
        this.available.set(true);
        this.loadError.set(undefined);
        this.cartSignal.set(Array.isArray(cart?.items) ? cart : { ...cart, items: [] });
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.available.set(!(err instanceof HttpErrorResponse && err.status === 404));
        this.loadError.set(err);
      },
    });
  }

  /** Adds units (reserves them for the hold period). Not optimistic: the product is not in the cart yet. */
  add(productId: string, quantity: number): Observable<CartDto> {
    return new Observable<CartDto>((subscriber) => {
      this.problem.set(undefined);
      this.markPending(productId, true);
      const sub = this.http.post<CartDto>('/api/cart/items', { productId, quantity }).subscribe({
        next: (cart) => {
          this.markPending(productId, false);
          this.cartSignal.set(cart);
          subscriber.next(cart);
          subscriber.complete();
        },
        error: (err: unknown) => {
          this.markPending(productId, false);
          subscriber.error(err);
        },
      });
      return () => sub.unsubscribe();
    });
  }

  /** Sets a line's quantity at once, and puts it back if the server refuses. */
  setQuantity(productId: string, quantity: number): void {
    const before = this.items().find((i) => i.productId === productId);
    if (!before || quantity < 1) return;
    this.change(
      productId,
      (items) => items.map((i) => (i.productId === productId ? withQuantity(i, quantity) : i)),
      this.http.patch<CartDto>(`/api/cart/items/${encodeURIComponent(productId)}`, { quantity }),
      before,
    );
  }

  /** Removes a line at once (releasing its hold), and puts it back if the server refuses. */
  remove(productId: string): void {
    const before = this.items().find((i) => i.productId === productId);
    if (!before) return;
    this.change(
      productId,
      (items) => items.filter((i) => i.productId !== productId),
      this.http.delete<CartDto>(`/api/cart/items/${encodeURIComponent(productId)}`),
      before,
    );
  }

  dismiss(): void {
    this.problem.set(undefined);
  }

  private change(
    productId: string,
    edit: (items: readonly CartItemDto[]) => CartItemDto[],
    request: Observable<CartDto>,
    before: CartItemDto,
  ): void {
    this.problem.set(undefined);
    this.update(edit);
    this.markPending(productId, true);
    request.subscribe({
      next: (cart) => {
        this.markPending(productId, false);
        this.cartSignal.set(cart);
      },
      error: (err: unknown) => {
        this.markPending(productId, false);
        this.rollback(before);
        this.problem.set({ productId, message: describeCartError(err, before.name) });
      },
    });
  }

  /** Puts one line back as it was, leaving other lines (and their own changes in flight) alone. */
  private rollback(before: CartItemDto): void {
    this.update((items) => {
      const at = items.findIndex((i) => i.productId === before.productId);
      if (at === -1) return [...items, before];
      return items.map((i, index) => (index === at ? before : i));
    });
  }

  private update(edit: (items: readonly CartItemDto[]) => CartItemDto[]): void {
    this.cartSignal.update((cart) => {
      if (!cart) return cart;
      const items = edit(cart.items);
      return {
        ...cart,
        items,
        itemCount: items.reduce((sum, i) => sum + i.quantity, 0),
        total: totalOf(items, cart.total ?? { amountMinor: 0, currency: 'USD' }),
      };
    });
  }

  private markPending(productId: string, on: boolean): void {
    this.pending.update((set) => {
      const next = new Set(set);
      if (on) next.add(productId);
      else next.delete(productId);
      return next;
    });
  }
}
