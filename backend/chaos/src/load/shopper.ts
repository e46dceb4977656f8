import { SIMULATED_TEST_CARDS } from '@shop/contracts';
import { Prng } from '../prng';
import { Schemas, ShopApi, bearer } from '../api/shop-client';
import { Caller, CallPolicy, CallResult, sleep } from './caller';
import { Catalogue, CatalogueProduct } from './catalogue';
import { CARD_MIX, CardKind, OrderAttempt } from './ledger';
import { Recorder } from './recorder';

export interface ShopperContext {
  api: ShopApi;
  recorder: Recorder;
  catalogue: Catalogue;
  orders: OrderAttempt[];
  thinkMs: number;
  /** True once the load must stop: no new actions start. */
  stopped: () => boolean;
}

const READ: CallPolicy = { idempotent: true, timeoutMs: 15_000 };
/** Adding units is not idempotent: a real client does not send it again when the outcome is unknown. */
const ADD: CallPolicy = { idempotent: false, timeoutMs: 15_000 };
/** Setting a quantity, removing an item, logging in: the same request twice ends in the same state. */
const ABSOLUTE: CallPolicy = { idempotent: true, timeoutMs: 15_000 };
/**
 * An order carries an Idempotency-Key. The client waits well past the gateway's request deadline
 * (GATEWAY_REQUEST_TIMEOUT_MS), by which a checkout answers, finished or not.
 */
const ORDER: CallPolicy = { idempotent: true, timeoutMs: 40_000 };

/** Relative frequency of each shopper action. */
export const ACTION_WEIGHTS = {
  browse: 22,
  search: 8,
  product: 14,
  categories: 4,
  viewCart: 8,
  add: 16,
  change: 5,
  remove: 4,
  orderCart: 7,
  orderItems: 4,
  listOrders: 4,
  getOrder: 3,
  login: 1,
} as const;
export type ShopperAction = keyof typeof ACTION_WEIGHTS;

/** At most this many units of a hot product in one cart line or order, so every order of one is small. */
export const MAX_HOT_UNITS = 3;
const HOT_SHARE = 0.35;

/** An account the shopper starts signed in to, instead of registering one (a generated test shopper). */
export interface ShopperSession {
  email: string;
  userId: string;
  accessToken: string;
}

/** One simulated shopper: registers, then browses, fills and changes the cart and orders until stopped. */
export class Shopper {
  readonly email: string;
  private readonly password: string;
  userId?: string;
  private token?: string;
  private readonly caller: Caller;
  /** What the shopper believes the cart holds (from the last cart answer). */
  private readonly cart = new Map<string, number>();
  private readonly placed: string[] = [];

  /**
   * A new account `<name>@example.com` (registered with `register()`), or, with `session`, an existing one
   * the shopper acts as with its access token (it has no password, so it cannot sign in again).
   */
  constructor(
    name: string,
    private readonly ctx: ShopperContext,
    private readonly rng: Prng,
    session?: ShopperSession,
  ) {
    this.email = session?.email ?? `${name}@example.com`;
    const password = `Chaos${rng.hex(10)}A1`;
    this.password = session ? '' : password;
    this.userId = session?.userId;
    this.token = session?.accessToken;
    this.caller = new Caller(ctx.recorder, rng);
  }

  private get api(): ShopApi {
    return this.ctx.api;
  }

  private get auth(): { Authorization: string } {
    return bearer(this.token ?? '');
  }

  /** Creates the account (an earlier attempt that created it answers 409: then logs in). */
  async register(): Promise<boolean> {
    const r = await this.caller.call('auth.register', ABSOLUTE, (signal) =>
      this.api.POST('/api/auth/register', { body: { email: this.email, password: this.password }, signal }),
    );
    if (r.ok && r.data) {
      this.token = r.data.accessToken;
      this.userId = r.data.user.id;
      return true;
    }
    return r.status === 409 ? this.login() : false;
  }

  async login(): Promise<boolean> {
    if (!this.password) return false;
    const r = await this.caller.call('auth.login', ABSOLUTE, (signal) =>
      this.api.POST('/api/auth/login', { body: { email: this.email, password: this.password }, signal }),
    );
    if (r.ok && r.data) {
      this.token = r.data.accessToken;
      this.userId = r.data.user.id;
    }
    return r.ok;
  }

  async run(): Promise<void> {
    while (!this.ctx.stopped()) {
      const action = this.rng.weighted(ACTION_WEIGHTS);
      await this.act(action);
      await sleep(Math.round(this.ctx.thinkMs * this.rng.between(0.5, 1.5)));
    }
  }

  async act(action: ShopperAction): Promise<void> {
    switch (action) {
      case 'browse':
        return this.browse();
      case 'search':
        return void (await this.caller.call('catalogue.search', READ, (signal) =>
          this.api.GET('/api/products', {
            params: { query: { q: this.rng.pick(this.ctx.catalogue.words), pageSize: 20 } },
            signal,
          }),
        ));
      case 'product': {
        const id = this.rng.pick(this.ctx.catalogue.products).id;
        return void (await this.caller.call('catalogue.product', READ, (signal) =>
          this.api.GET('/api/products/{id}', { params: { path: { id } }, signal }),
        ));
      }
      case 'categories':
        return void (await this.caller.call('catalogue.categories', READ, (signal) =>
          this.api.GET('/api/categories', { signal }),
        ));
      case 'viewCart':
        return this.viewCart();
      case 'add':
        return this.add();
      case 'change':
        return this.change();
      case 'remove':
        return this.remove();
      case 'orderCart':
        return this.orderCart();
      case 'orderItems':
        return this.orderItems();
      case 'listOrders':
        return void (await this.authed('orders.list', READ, (signal) =>
          this.api.GET('/api/orders', {
            params: { query: { page: 1, pageSize: 10 } },
            headers: this.auth,
            signal,
          }),
        ));
      case 'getOrder': {
        if (this.placed.length === 0) return this.browse();
        const id = this.rng.pick(this.placed);
        return void (await this.authed('orders.get', READ, (signal) =>
          this.api.GET('/api/orders/{id}', { params: { path: { id } }, headers: this.auth, signal }),
        ));
      }
      case 'login':
        return void (await this.login());
    }
  }

  private async browse(): Promise<void> {
    const { catalogue } = this.ctx;
    const category = this.rng.chance(0.3) ? this.rng.pick(catalogue.categories) : undefined;
    const sort = this.rng.pick(['name', 'price-asc', 'price-desc', 'newest'] as const);
    await this.caller.call('catalogue.browse', READ, (signal) =>
      this.api.GET('/api/products', {
        params: { query: { page: this.rng.int(1, 3), pageSize: 20, sort, category } },
        signal,
      }),
    );
  }

  private async viewCart(): Promise<void> {
    const r = await this.authed('cart.view', READ, (signal) =>
      this.api.GET('/api/cart', { headers: this.auth, signal }),
    );
    if (r.ok && r.data) this.believe(r.data);
  }

  private async add(): Promise<void> {
    const product = this.pickProduct();
    const hot = this.isHot(product);
    const quantity = hot ? 1 : this.rng.int(1, 2);
    if (hot && (this.cart.get(product.id) ?? 0) + quantity > MAX_HOT_UNITS) return this.viewCart();
    const r = await this.authed('cart.add', ADD, (signal) =>
      this.api.POST('/api/cart/items', {
        body: { productId: product.id, quantity },
        headers: this.auth,
        signal,
      }),
    );
    if (r.ok && r.data) this.believe(r.data);
  }

  private async change(): Promise<void> {
    if (this.cart.size === 0) return this.add();
    const productId = this.rng.pick([...this.cart.keys()]);
    const hot = this.ctx.catalogue.hot.some((p) => p.id === productId);
    const quantity = this.rng.int(1, hot ? MAX_HOT_UNITS : 4);
    const r = await this.authed('cart.change', ABSOLUTE, (signal) =>
      this.api.PATCH('/api/cart/items/{productId}', {
        params: { path: { productId } },
        body: { quantity },
        headers: this.auth,
        signal,
      }),
    );
    if (r.ok && r.data) this.believe(r.data);
    else if (r.status === 404) this.cart.delete(productId);
  }

  private async remove(): Promise<void> {
    if (this.cart.size === 0) return this.viewCart();
    const productId = this.rng.pick([...this.cart.keys()]);
    const r = await this.authed('cart.remove', ABSOLUTE, (signal) =>
      this.api.DELETE('/api/cart/items/{productId}', {
        params: { path: { productId } },
        headers: this.auth,
        signal,
      }),
    );
    if (r.ok && r.data) this.believe(r.data);
    else if (r.status === 404) this.cart.delete(productId);
  }

  private async orderCart(): Promise<void> {
    if (this.cart.size === 0) await this.viewCart();
    if (this.cart.size === 0) return this.add();
    await this.placeOrder(undefined);
  }

  private async orderItems(): Promise<void> {
    const first = this.pickProduct();
    const products = [first];
    if (this.rng.chance(0.4)) {
      const second = this.pickProduct();
      if (second.id !== first.id) products.push(second);
    }
    const items = products.map((p) => ({
      productId: p.id,
      quantity: this.isHot(p) ? 1 : this.rng.int(1, 2),
    }));
    await this.placeOrder(items);
  }

  private async placeOrder(items: { productId: string; quantity: number }[] | undefined): Promise<void> {
    const card = this.rng.weighted(CARD_MIX) as CardKind;
    const key = `chaos-${this.rng.hex(24)}`;
    const atMs = this.ctx.recorder.now();
    const body = { cardNumber: SIMULATED_TEST_CARDS[card], ...(items ? { items } : {}) };
    const r = await this.authed(items ? 'order.items' : 'order.cart', ORDER, (signal) =>
      this.api.POST('/api/orders', {
        params: { header: { 'Idempotency-Key': key } },
        body,
        headers: this.auth,
        signal,
      }),
    );
    const detailsId = r.error?.details?.orderId;
    const orderId = r.data?.id ?? (typeof detailsId === 'string' ? detailsId : undefined);
    this.ctx.orders.push({
      userId: this.userId ?? '',
      key,
      fromCart: !items,
      card,
      items,
      atMs,
      attempts: r.attempts,
      kind: r.kind,
      status: r.status,
      code: r.error?.code,
      orderId,
      answeredStatus: r.data?.status,
    });
    if (orderId) this.placed.push(orderId);
    if (r.ok && !items) this.cart.clear();
  }

  /** Empties the cart through the API (after the load, so every hold is released). */
  async clearCart(): Promise<boolean> {
    const r = await this.authed('cart.clear', ABSOLUTE, (signal) =>
      this.api.DELETE('/api/cart', { headers: this.auth, signal }),
    );
    if (r.ok) this.cart.clear();
    return r.ok;
  }

  /** A call that needs the shopper's token: on 401 the shopper logs in again and repeats it once. */
  private async authed<T>(
    op: string,
    policy: CallPolicy,
    send: (signal: AbortSignal) => Promise<{ data?: T; error?: unknown; response: Response }>,
  ): Promise<CallResult<T>> {
    const first = await this.caller.call(op, policy, send);
    if (first.status !== 401 || !(await this.login())) return first;
    return this.caller.call(op, policy, send);
  }

  private believe(cart: Schemas['CartDtoSchema']): void {
    this.cart.clear();
    for (const item of cart.items) this.cart.set(item.productId, item.quantity);
  }

  private pickProduct(): CatalogueProduct {
    const { catalogue } = this.ctx;
    return this.rng.chance(HOT_SHARE) ? this.rng.pick(catalogue.hot) : this.rng.pick(catalogue.cold);
  }

  private isHot(product: CatalogueProduct): boolean {
    return this.ctx.catalogue.hot.includes(product);
  }
}
