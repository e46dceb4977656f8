import { randomUUID } from 'node:crypto';
import {
  AuthorizePaymentRequest,
  CartDto,
  CartLineQuantity,
  CartRpc,
  DeductStockResult,
  ErrorCode,
  InventoryRpc,
  PaymentDto,
  PaymentRpc,
  PaymentStatus,
} from '@shop/contracts';
import { AppError } from '@shop/common';
import { FakePeer } from '@shop/testing';

/** Cards the fake payment peer declines (any other well-formed number is authorized). */
export const DECLINED_CARD = '4000000000000002';
export const APPROVED_CARD = '4242424242424242';

interface Product {
  name: string;
  priceMinor: number;
}

/**
 * Inventory as the checkout saga sees it: deducts an order's items once per order id (consuming the
 * shopper's holds first), restores them once, and tombstones an order restored before any deduction. Stock
 * levels are kept so a test can check that a failed order gave back exactly what it took.
 */
export class FakeInventory {
  private readonly products = new Map<string, Product>();
  private readonly stock = new Map<string, number>();
  private readonly holds = new Map<string, number>();
  private readonly deductions = new Map<string, DeductStockResult>();
  private readonly restored = new Set<string>();

  constructor(readonly peer: FakePeer) {
    peer.script(InventoryRpc.deductStock, ({ orderId, items, reservationOwnerId }) => {
      const done = this.deductions.get(orderId);
      if (done) return done;
      if (this.restored.has(orderId))
        throw new AppError(ErrorCode.Conflict, `Order ${orderId} was cancelled`);
      for (const { productId, quantity } of items) {
        if (!this.products.has(productId))
          throw new AppError(ErrorCode.NotFound, `Product ${productId} not found`, { productId });
        const available = this.onHand(productId);
        if (quantity > available)
          throw new AppError(ErrorCode.OutOfStock, 'Not enough stock', { productId, available });
      }
      const lines = items.map(({ productId, quantity }) => {
        const product = this.products.get(productId)!;
        const holdKey = `${reservationOwnerId}/${productId}`;
        const fromHold = Math.min(this.holds.get(holdKey) ?? 0, quantity);
        this.holds.set(holdKey, (this.holds.get(holdKey) ?? 0) - fromHold);
        this.stock.set(productId, this.onHand(productId) - quantity);
        return {
          productId,
          quantity,
          name: product.name,
          unitPrice: { amountMinor: product.priceMinor, currency: 'USD' },
          fromHold,
        };
      });
      const result = { orderId, lines };
      this.deductions.set(orderId, result);
      return result;
    });
    peer.script(InventoryRpc.restoreStock, ({ orderId }) => {
      const deduction = this.deductions.get(orderId);
      if (!this.restored.has(orderId) && deduction)
        for (const l of deduction.lines) this.stock.set(l.productId, this.onHand(l.productId) + l.quantity);
      this.restored.add(orderId);
      return { restored: !!deduction };
    });
  }

  addProduct(name: string, priceMinor: number, onHand: number): string {
    const id = randomUUID();
    this.products.set(id, { name, priceMinor });
    this.stock.set(id, onHand);
    return id;
  }

  /** Records that `owner` (a cart's reservation owner) holds `quantity` units of the product. */
  hold(owner: string, productId: string, quantity: number): void {
    this.holds.set(`${owner}/${productId}`, quantity);
  }

  onHand(productId: string): number {
    return this.stock.get(productId) ?? 0;
  }

  productName(productId: string): string {
    return this.products.get(productId)?.name ?? productId;
  }

  priceOf(productId: string): number {
    return this.products.get(productId)?.priceMinor ?? 0;
  }
}

/**
 * Payment as the checkout saga sees it: one payment per order id (a repeated authorize answers the first
 * result), DECLINED_CARD declined, a void releases an authorization or refuses a later one in advance.
 */
export class FakePayment {
  private readonly payments = new Map<string, PaymentDto>();

  constructor(readonly peer: FakePeer) {
    this.answerNormally();
  }

  /** Scripts the normal answers again (after a test scripted an outage). */
  answerNormally(): void {
    this.peer.script(PaymentRpc.authorize, (req) => {
      const existing = this.payments.get(req.orderId);
      if (existing) return existing;
      const declined = req.cardNumber === DECLINED_CARD;
      return this.record(req, declined ? 'DECLINED' : 'AUTHORIZED', declined ? 'card declined' : undefined);
    });
    this.peer.script(PaymentRpc.void, ({ orderId, reason }) => {
      const existing = this.payments.get(orderId);
      if (!existing)
        return this.record(
          { orderId, amountMinor: 0, currency: 'USD', cardNumber: '0000' },
          'VOIDED',
          reason,
        );
      if (existing.status !== 'AUTHORIZED') return existing;
      const voided = { ...existing, status: 'VOIDED' as const, reason };
      this.payments.set(orderId, voided);
      return voided;
    });
    this.peer.script(PaymentRpc.getByOrder, ({ orderId }) => this.payments.get(orderId) ?? null);
  }

  /** Every method answers UNAVAILABLE, as an instance that cannot reach its provider or database. */
  answerUnavailable(): void {
    const down = () => {
      throw AppError.unavailable('payment is unavailable');
    };
    for (const method of [PaymentRpc.authorize, PaymentRpc.void, PaymentRpc.getByOrder])
      this.peer.script(method, down);
  }

  /**
   * Payment's provider is down: an authorization answers FAILED (provider unavailable, nothing authorized), and
   * payment itself answers nothing else (UNAVAILABLE).
   */
  answerProviderDown(): void {
    this.answerUnavailable();
    this.peer.script(PaymentRpc.authorize, (req) => ({
      ...this.record(req, 'FAILED', 'payment provider unavailable'),
      providerUnavailable: true,
      retryAfterSeconds: 7,
    }));
  }

  statusOf(orderId: string): PaymentStatus | undefined {
    return this.payments.get(orderId)?.status;
  }

  private record(req: AuthorizePaymentRequest, status: PaymentStatus, reason?: string): PaymentDto {
    const now = new Date().toISOString();
    const payment: PaymentDto = {
      id: randomUUID(),
      orderId: req.orderId,
      status,
      amountMinor: req.amountMinor,
      currency: req.currency,
      provider: 'fake',
      cardLast4: req.cardNumber.slice(-4),
      reason,
      createdAt: now,
      updatedAt: now,
    };
    this.payments.set(req.orderId, payment);
    return payment;
  }
}

/**
 * The cart as the checkout saga sees it: a shopper's lines, taken out once per order id and given back once
 * when that order fails.
 */
export class FakeCart {
  private readonly carts = new Map<string, Map<string, number>>();
  private readonly taken = new Map<string, CartLineQuantity[]>();
  private readonly given = new Set<string>();

  constructor(
    readonly peer: FakePeer,
    private readonly inventory: FakeInventory,
  ) {
    peer.script(CartRpc.getCart, ({ userId }) => this.cartDto(userId));
    peer.script(CartRpc.removeOrderLines, ({ userId, orderId, lines }) => {
      const earlier = this.taken.get(orderId);
      if (earlier) return { lines: earlier, repeated: true };
      const cart = this.cartOf(userId);
      const took = lines
        .map((l) => ({ productId: l.productId, quantity: Math.min(l.quantity, cart.get(l.productId) ?? 0) }))
        .filter((l) => l.quantity > 0);
      for (const l of took) cart.set(l.productId, cart.get(l.productId)! - l.quantity);
      this.taken.set(orderId, took);
      return { lines: took, repeated: false };
    });
    peer.script(CartRpc.restoreOrderLines, ({ userId, orderId }) => {
      const took = this.taken.get(orderId) ?? [];
      if (this.given.has(orderId)) return { lines: took, repeated: true };
      const cart = this.cartOf(userId);
      for (const l of took) cart.set(l.productId, (cart.get(l.productId) ?? 0) + l.quantity);
      this.given.add(orderId);
      return { lines: took, repeated: false };
    });
  }

  put(userId: string, productId: string, quantity: number): void {
    this.cartOf(userId).set(productId, quantity);
  }

  /** The shopper's cart as product → quantity (lines with a quantity only). */
  lines(userId: string): Record<string, number> {
    return Object.fromEntries([...this.cartOf(userId)].filter(([, q]) => q > 0));
  }

  private cartOf(userId: string): Map<string, number> {
    let cart = this.carts.get(userId);
    if (!cart) this.carts.set(userId, (cart = new Map()));
    return cart;
  }

  private cartDto(userId: string): CartDto {
    const now = new Date().toISOString();
    const items = Object.entries(this.lines(userId)).map(([productId, quantity]) => {
      const price = this.inventory.priceOf(productId);
      return {
        productId,
        name: this.inventory.productName(productId),
        imageUrl: '',
        quantity,
        unitPrice: { amountMinor: price, currency: 'USD' },
        lineTotal: { amountMinor: price * quantity, currency: 'USD' },
        available: this.inventory.onHand(productId),
        stale: false,
        checkedAt: now,
        reservedUntil: now,
      };
    });
    const total = items.reduce((sum, i) => sum + i.lineTotal.amountMinor, 0);
    return {
      userId,
      items,
      itemCount: items.reduce((n, i) => n + i.quantity, 0),
      total: { amountMinor: total, currency: 'USD' },
      stale: false,
      updatedAt: now,
    };
  }
}

/** The three peers the checkout saga calls, each a FakePeer on the test's prefix. */
export class FakeShop {
  private constructor(
    readonly inventory: FakeInventory,
    readonly payment: FakePayment,
    readonly cart: FakeCart,
  ) {}

  static async start(prefix: string): Promise<FakeShop> {
    const [inventoryPeer, paymentPeer, cartPeer] = await Promise.all([
      FakePeer.start({ contract: InventoryRpc, prefix }),
      FakePeer.start({ contract: PaymentRpc, prefix }),
      FakePeer.start({ contract: CartRpc, prefix }),
    ]);
    const inventory = new FakeInventory(inventoryPeer);
    return new FakeShop(inventory, new FakePayment(paymentPeer), new FakeCart(cartPeer, inventory));
  }

  /** Every call the peers received for one order, as `service.action` in arrival order per peer. */
  callsFor(orderId: string): string[] {
    return [this.inventory.peer, this.payment.peer, this.cart.peer].flatMap((peer) =>
      peer
        .allCalls((req) => (req as { orderId?: string })?.orderId === orderId)
        .map((c) => `${peer.service}.${c.action}`),
    );
  }

  async stop(): Promise<void> {
    await Promise.all([this.inventory.peer.stop(), this.payment.peer.stop(), this.cart.peer.stop()]);
  }
}
