import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import { Observable, Subscription, timeout } from 'rxjs';
import { MAX_CART_LINE_QUANTITY } from '@shop/contracts';
import type { CartDto, CartItemDto, Money } from '@shop/contracts';
import { SessionStore } from '@shop/web';
import { NetworkStatus } from '../network/network-status';
import {
  CartChange,
  CartProduct,
  PendingChange,
  connectionLost,
  describeDone,
  describePriceChange,
  describeRefusal,
  outcomeUnknown,
  showPending,
} from './cart-changes';
import { newChangeKey, readStoredCart, writeStoredCart } from './offline-queue';

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

/**
 * Waits before a change that could not reach the shop is sent again while the browser says it is online
 * (the last one repeats). When the browser goes offline the change waits for it to come back instead.
 */
export const CART_RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000] as const;

function normalized(cart: CartDto): CartDto {
  return Array.isArray(cart?.items) ? cart : { ...cart, items: [] };
}

/**
 * The signed-in shopper's cart (`/api/cart`), shared by the header and the shop, product, cart and checkout
 * pages. Changes are optimistic: the cart shows them at once, marked pending, and sends them one at a time
 * in the order they were made. An answered change replaces the shown cart with the server's; a refused one
 * is dropped from the pending list, which rolls back exactly that change (the others stay shown), and is
 * explained in `problems`. When the outcome is unknown (a timeout, a server error) the cart is read again
 * once nothing is in flight. Reloaded on sign-in, forgotten on sign-out.
 *
 * Offline: every change carries its own Idempotency-Key and the pending ones are kept in localStorage (with
 * the last answered cart), so they survive a reload. While the browser is offline, or a change cannot reach
 * the shop, nothing is dropped: the changes wait (`waiting`) and are sent in order, with the same keys, when
 * the connection returns; the server applies each key once, so a change whose answer was lost is not
 * doubled. A change that waited and then was refused (sold out meanwhile) is explained like any refusal; one
 * applied at another price than the shopper saw is reported in `problems` too.
 */
@Injectable({ providedIn: 'root' })
export class CartState {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);
  private readonly network = inject(NetworkStatus);
  /** The signed-in shopper's id (undefined for a guest). */
  private readonly userId = computed(() =>
    this.session.isSignedIn() ? (this.session.user()?.id ?? '') : undefined,
  );

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
  /** True while pending changes wait for the connection (kept on this device until it returns). */
  readonly waiting = signal(false);
  /** How many changes are not answered yet. */
  readonly pendingCount = computed(() => this.queue().length);

  private nextId = 1;
  private inFlight: Subscription | undefined;
  private sending = false;
  private reloadWhenIdle = false;
  /** Numbers the changes sent, so that a cart read overtaken by a change is not shown. */
  private sent = 0;
  /** Numbers the cart reads, so that only the latest one is shown. */
  private reads = 0;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  /** The shopper whose cart this is (the key of its stored copy). */
  private owner: string | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retries = 0;

  constructor() {
    effect(() => {
      const userId = this.userId();
      untracked(() => {
        if (userId !== undefined) this.start(userId);
        else this.forget();
      });
    });
    effect(() => {
      if (this.network.online()) untracked(() => this.resume());
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
        if (this.sent === sentBefore) {
          this.confirmed.set(normalized(cart));
          this.store();
        }
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
    const waited = !this.network.online();
    this.queue.update((queue) => [...queue, { id: this.nextId++, change, key: newChangeKey(), waited }]);
    this.store();
    this.sendNext();
  }

  /** Signed in: the changes this device kept for the shopper are shown and sent, and the cart is read. */
  private start(userId: string): void {
    if (this.owner === userId) return;
    this.forget();
    this.owner = userId;
    const stored = readStoredCart(userId);
    if (stored.cart) this.confirmed.set(normalized(stored.cart));
    this.queue.set(stored.changes.map((c) => ({ ...c, id: this.nextId++ })));
    this.reload();
    this.sendNext();
  }

  /** The connection is back (or may be): waiting changes are sent now. */
  private resume(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.retries = 0;
    this.sendNext();
  }

  /**
   * Sends the oldest pending change, unless one is in flight or the changes wait for the connection; reads
   * the cart when none is left.
   */
  private sendNext(): void {
    if (this.sending || this.retryTimer) return;
    const next = this.queue()[0];
    if (!next) {
      this.waiting.set(false);
      if (this.reloadWhenIdle) {
        this.reloadWhenIdle = false;
        this.reload();
      }
      return;
    }
    if (!this.network.online()) {
      this.wait(next);
      return;
    }
    this.sending = true;
    this.sent++;
    this.inFlight = this.request(next)
      .pipe(timeout({ first: CART_CHANGE_TIMEOUT_MS }))
      .subscribe({
        next: (cart) => this.answered(next, normalized(cart)),
        error: (err: unknown) => (connectionLost(err) ? this.lost(next) : this.refused(next, err)),
      });
  }

  private request({ change, key }: PendingChange): Observable<CartDto> {
    const item = `/api/cart/items/${encodeURIComponent(change.productId)}`;
    // keepalive: a change made just before the shopper leaves the page still reaches the server.
    const options = { keepalive: true, headers: { 'Idempotency-Key': key } };
    switch (change.kind) {
      case 'add':
        return this.http.post<CartDto>(
          '/api/cart/items',
          { productId: change.productId, quantity: change.quantity },
          options,
        );
      case 'set':
        return this.http.patch<CartDto>(item, { quantity: change.quantity }, options);
      case 'remove':
        return this.http.delete<CartDto>(item, options);
    }
  }

  /** The change stays first in line, marked as having waited, until the connection is back. */
  private wait(change: PendingChange): void {
    this.waiting.set(true);
    // Once the queue is sent, the cart is read again: what others did meanwhile shows.
    this.reloadWhenIdle = true;
    if (!change.waited) {
      this.queue.update((queue) => queue.map((p) => (p.id === change.id ? { ...p, waited: true } : p)));
      this.store();
    }
  }

  /** The change did not reach the shop (or its answer was lost): it is sent again with the same key. */
  private lost(change: PendingChange): void {
    this.sending = false;
    this.inFlight = undefined;
    this.wait(change);
    if (!this.network.online()) return;
    const delay = CART_RETRY_DELAYS_MS[Math.min(this.retries++, CART_RETRY_DELAYS_MS.length - 1)];
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.sendNext();
    }, delay);
  }

  private answered(done: PendingChange, cart: CartDto): void {
    const before = this.priceBefore(done.change);
    this.settle(done);
    this.retries = 0;
    this.confirmed.set(cart);
    this.store();
    const { productId, name } = done.change;
    const after = cart.items.find((i) => i.productId === productId)?.unitPrice;
    const repriced = done.waited && before && after && describePriceChange(name, before, after);
    if (repriced) this.report(productId, repriced);
    // Said once the product's last pending change is answered, not once per click.
    else if (!this.pending().has(productId)) this.say(describeDone(done.change, cart, Date.now()));
    this.sendNext();
  }

  /** The unit price the shopper saw for the product of a change when it was made. */
  private priceBefore(change: CartChange): Money | undefined {
    const line = this.confirmed()?.items.find((i) => i.productId === change.productId);
    if (line) return line.unitPrice;
    return change.kind === 'add' ? change.product?.price : undefined;
  }

  private refused(done: PendingChange, error: unknown): void {
    this.settle(done);
    this.store();
    this.report(done.change.productId, describeRefusal(error, done.change));
    if (outcomeUnknown(error)) this.reloadWhenIdle = true;
    this.sendNext();
  }

  private report(productId: string, message: string): void {
    this.problems.update((list) =>
      [...list.filter((p) => p.productId !== productId), { id: this.nextId++, productId, message }].slice(
        -MAX_PROBLEMS,
      ),
    );
  }

  private settle(done: PendingChange): void {
    this.sending = false;
    this.inFlight = undefined;
    this.queue.update((queue) => queue.filter((p) => p.id !== done.id));
  }

  /** Keeps the pending changes and the last answered cart on this device, for the signed-in shopper. */
  private store(): void {
    if (this.owner === undefined) return;
    writeStoredCart(this.owner, {
      changes: this.queue().map(({ key, change, waited }) => ({ key, change, waited })),
      cart: this.confirmed(),
    });
  }

  private say(message: string): void {
    clearTimeout(this.noticeTimer);
    const id = this.nextId++;
    this.notice.set({ id, message });
    this.noticeTimer = setTimeout(() => {
      if (this.notice()?.id === id) this.notice.set(undefined);
    }, NOTICE_MS);
  }

  /**
   * Signed out: nothing of the cart stays in the page, and nothing more is sent. On the device only the
   * changes not sent yet stay (without the cart), sent when the same shopper signs in again.
   */
  private forget(): void {
    if (this.owner !== undefined) {
      const changes = this.queue().map(({ key, change, waited }) => ({ key, change, waited }));
      writeStoredCart(this.owner, { changes });
    }
    this.owner = undefined;
    this.inFlight?.unsubscribe();
    this.inFlight = undefined;
    this.sending = false;
    this.reloadWhenIdle = false;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.retries = 0;
    this.waiting.set(false);
    this.reads++;
    this.loading.set(false);
    this.queue.set([]);
    this.confirmed.set(undefined);
    this.problems.set([]);
    this.notice.set(undefined);
    clearTimeout(this.noticeTimer);
  }
}
