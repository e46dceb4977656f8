import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, effect, inject, signal } from '@angular/core';
import { SessionStore } from '../auth/session-store';

/** The part of the cart view the header needs; the full cart contract arrives with the cart service. */
export interface CartSummary {
  items: { productId: string; quantity: number }[];
}

/**
 * The shopper's cart as far as the header is concerned: the number of items. Reloaded when the shopper
 * signs in or out. If the cart route does not exist yet (404) or fails, the count is 0 and `available` says so.
 */
@Injectable({ providedIn: 'root' })
export class CartState {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);

  private readonly cart = signal<CartSummary | undefined>(undefined);
  readonly available = signal(true);
  readonly count = computed(() => (this.cart()?.items ?? []).reduce((sum, item) => sum + item.quantity, 0));

  constructor() {
    effect(() => {
      if (this.session.isSignedIn()) this.reload();
      else this.cart.set(undefined);
    });
  }

  reload(): void {
    this.http.get<CartSummary>('/api/cart').subscribe({
      next: (cart) => {
        this.available.set(true);
        this.cart.set(Array.isArray(cart?.items) ? cart : { items: [] });
      },
      error: (err: unknown) => {
        this.available.set(!(err instanceof HttpErrorResponse && err.status === 404));
        this.cart.set(undefined);
      },
    });
  }
}
