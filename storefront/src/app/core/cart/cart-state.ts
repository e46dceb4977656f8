import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import { Observable, Subscription, timeout } from 'rxjs';
import { MAX_CART_LINE_QUANTITY } from '@shop/contracts';
import type { CartDto, CartItemDto } from '@shop/contracts';
import { SessionStore } from '@shop/web';
import {
  CartChange,
  CartProduct,
  PendingChange,
  describeDone,
  describeRefusal,
  outcomeUnknown,
  showPending,
} from './cart-changes';

export type { CartProduct } from './cart-changes';

/** A refused cart change, said for the shopper, with the product it concerned. */
export interface CartProblem {
  id: number;
  productId: string;
  message: string;
}

/** A confirmed cart change, said for the shopper. */
export interface CartNotice {
  id: number;
  message: string;
}

/**
 * How long a change may wait for its answer. The gateway answers well within it (its cart calls have an
 * 8 s deadline); past it the change is rolled back and the cart read again, since the server may have
 * applied it.
 */
export const CART_CHANGE_TIMEOUT_MS = 15_000;

/** How long a confirmation stays on screen. */
const NOTICE_MS = 6_000;

/** Refusals shown at once (the oldest goes first). */
const MAX_PROBLEMS = 3;

function normalized(cart: CartDto): CartDto {
  return Array.isArray(cart?.items) ? cart : { ...cart, items: [] };
}

/**
 * The signed-in shopper's cart (`/api/cart`), shared by the header and the shop, product, cart and checkout
 * pages. Changes are optimistic: the cart shows them at once, marked pending, and sends them one at a time
 * in the order they were made. An answered change replaces the shown cart with the server's; a refused one
 * is dropped from the pending list, which rolls back exactly that change (the others stay shown), and is
 * explained in `problems`. When the outcome is unknown (no answer, a timeout, a server error) the cart is
 * read again once nothing is in flight. Reloaded on sign-in, forgotten on sign-out.
 */
@Injectable({ providedIn: 'root' })
export class CartState {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);

  /** The cart as the server last answered it. */
  private readonly confirmed = signal<CartDto | undefined>(undefined);
  /** Changes not answered yet, in the order they were made; the first one is in flight. */
  private readonly queue = signal<readonly PendingChange[]>([]);

  /** The cart as the shopper sees it: the server's answer with the pending changes applied. */
  readonly cart = computed(() =>
    showPending(
      this.confirmed(),
      this.queue().map((p) => p.change),
    ),
  );
  readonly items = computed<readonly CartItemDto[]>(() => this.cart()?.items ?? []);
  readonly count = computed(() => this.items().reduce((sum, item) => sum + item.quantity, 0));
  /** False while the cart route does not exist (404). */
  readonly available = signal(true);
  readonly loading = signal(false);
  /** The error of the last load, when it failed (the cart keeps its last known content). */
  readonly loadError = signal<unknown>(undefined);
  /** Products with a change not answered yet. */
  readonly pending = computed<ReadonlySet<string>>(
    () => new Set(this.queue().map((p) => p.change.productId)),
  );
  /** True while any change is not answered yet (the count and the total are not final). */
  readonly changing = computed(() => this.queue().length > 0);
  /** Refused changes, oldest first, until dismissed or until the product is changed again. */
  readonly problems = signal<readonly CartProblem[]>([]);
  /** The latest refused change. */
  readonly problem = computed(() => this.problems().at(-1));
  /** The latest confirmed change, for a few seconds. */
  readonly notice = signal<CartNotice | undefined>(undefined);

  private nextId = 1;
  private inFlight: Subscription | undefined;
  private sending = false;
  private reloadWhenIdle = false;
  /** Numbers the changes sent, so that a cart read overtaken by a change is not shown. */
  private sent = 0;
  /** Numbers the cart reads, so that only the latest one is shown. */
  private reads = 0;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    effect(() => {
      const signedIn = this.session.isSignedIn();
      untracked(() => {
        if (signedIn) this.reload();
        else this.forget();
      });
    });
  }

  /** Reads the cart from the server; while changes are pending, once they are all answered. */
  reload(): void {
    if (this.queue().length > 0 || this.sending) {
      this.reloadWhenIdle = true;
      return;
    }
    this.loading.set(true);
    const read = ++this.reads;
    const sentBefore = this.sent;
    this.http.get<CartDto>('/api/cart').subscribe({
      next: (cart) => {
        if (read !== this.reads) return;
        this.loading.set(false);
        this.available.set(true);
        this.loadError.set(undefined);
        // A change sent meanwhile was answered with a newer cart, or will be.
        if (this.sent === sentBefore) this.confirmed.set(normalized(cart));
      },
      error: (err: unknown) => {
        if (read !== this.reads) return;
        this.loading.set(false);
        this.available.set(!(err instanceof HttpErrorResponse && err.status === 404));
        this.loadError.set(err);
      },
    });
  }

  /** Adds units of a product (the server holds them for the hold period). Shown at once. */
  add(product: CartProduct, quantity: number): void {
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_CART_LINE_QUANTITY) return;
    this.enqueue({ kind: 'add', productId: product.id, name: product.name, quantity, product });
  }

  /** Sets a line's quantity (the same quantity renews its hold). Shown at once. */
  setQuantity(productId: string, quantity: number): void {
    const line = this.items().find((i) => i.productId === productId);
    if (!line || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_CART_LINE_QUANTITY) return;
    this.enqueue({ kind: 'set', productId, name: line.name, quantity });
  }

  /** Removes a line (releasing its hold). Shown at once. */
  remove(productId: string): void {
    const line = this.items().find((i) => i.productId === productId);
    if (!line) return;
    this.enqueue({ kind: 'remove', productId, name: line.name });
  }

  /** Hides one refused change, or all of them. */
  dismiss(id?: number): void {
    this.problems.update((list) => (id === undefined ? [] : list.filter((p) => p.id !== id)));
  }

  private enqueue(change: CartChange): void {
    if (!this.session.isSignedIn()) return;
    this.problems.update((list) => list.filter((p) => p.productId !== change.productId));
    this.queue.update((queue) => [...queue, { id: this.nextId++, change }]);
    this.sendNext();
  }

  /** Sends the oldest pending change, unless one is in flight; reads the cart when none is left. */
  private sendNext(): void {
    if (this.sending) return;
    const next = this.queue()[0];
    if (!next) {
      if (this.reloadWhenIdle) {
        this.reloadWhenIdle = false;
        this.reload();
      }
      return;
    }
    this.sending = true;
    this.sent++;
    this.inFlight = this.request(next.change)
      .pipe(timeout({ first: CART_CHANGE_TIMEOUT_MS }))
      .subscribe({
        next: (cart) => this.answered(next, normalized(cart)),
        error: (err: unknown) => this.refused(next, err),
      });
  }

  private request(change: CartChange): Observable<CartDto> {
    const item = `/api/cart/items/${encodeURIComponent(change.productId)}`;
    // keepalive: a change made just before the shopper leaves the page still reaches the server.
    switch (change.kind) {
      case 'add':
        return this.http.post<CartDto>(
          '/api/cart/items',
          { productId: change.productId, quantity: change.quantity },
          { keepalive: true },
        );
      case 'set':
        return this.http.patch<CartDto>(item, { quantity: change.quantity }, { keepalive: true });
      case 'remove':
        return this.http.delete<CartDto>(item, { keepalive: true });
    }
  }

  private answered(done: PendingChange, cart: CartDto): void {
    this.settle(done);
    this.confirmed.set(cart);
    // Said once the product's last pending change is answered, not once per click.
    if (!this.pending().has(done.change.productId)) this.say(describeDone(done.change, cart, Date.now()));
    this.sendNext();
  }

  private refused(done: PendingChange, error: unknown): void {
    this.settle(done);
    const { productId } = done.change;
    const message = describeRefusal(error, done.change);
    this.problems.update((list) =>
      [...list.filter((p) => p.productId !== productId), { id: this.nextId++, productId, message }].slice(
        -MAX_PROBLEMS,
      ),
    );
    if (outcomeUnknown(error)) this.reloadWhenIdle = true;
    this.sendNext();
  }

  private settle(done: PendingChange): void {
    this.sending = false;
    this.inFlight = undefined;
    this.queue.update((queue) => queue.filter((p) => p.id !== done.id));
  }

  private say(message: string): void {
    clearTimeout(this.noticeTimer);
    const id = this.nextId++;
    this.notice.set({ id, message });
    this.noticeTimer = setTimeout(() => {
      if (this.notice()?.id === id) this.notice.set(undefined);
    }, NOTICE_MS);
  }

  /** Signed out: nothing of the cart stays, and nothing more is sent. */
  private forget(): void {
    this.inFlight?.unsubscribe();
    this.inFlight = undefined;
    this.sending = false;
    this.reloadWhenIdle = false;
    this.reads++;
    this.loading.set(false);
    this.queue.set([]);
    this.confirmed.set(undefined);
    this.problems.set([]);
    this.notice.set(undefined);
    clearTimeout(this.noticeTimer);
  }
}
