import { HttpErrorResponse } from '@angular/common/http';
import { TimeoutError } from 'rxjs';
import type { CartDto, CartItemDto, Money, ProductDto } from '@shop/contracts';
import { toProblem } from '@shop/web';
import { formatMoney } from '../format/money';

/** What the cart needs to show a product it does not hold yet. */
export type CartProduct = Pick<ProductDto, 'id' | 'name' | 'imageUrl' | 'price' | 'available'>;

/** One change a shopper made to the cart, as sent to the server. */
export type CartChange =
  | { kind: 'add'; productId: string; name: string; quantity: number; product?: CartProduct }
  | { kind: 'set'; productId: string; name: string; quantity: number }
  | { kind: 'remove'; productId: string; name: string };

/** A change the cart shows before the server answered it. */
export interface PendingChange {
  readonly id: number;
  readonly change: CartChange;
  /** Its Idempotency-Key: sent with every attempt, so the server applies the change once. */
  readonly key: string;
  /** True once it waited for the connection: the shop may have changed meanwhile (stock, price). */
  readonly waited: boolean;
}

/** The line with a new quantity; what is still free in inventory moves the other way. */
function withQuantity(item: CartItemDto, quantity: number): CartItemDto {
  return {
    ...item,
    quantity,
    available: Math.max(0, item.available - (quantity - item.quantity)),
    lineTotal: { ...item.unitPrice, amountMinor: item.unitPrice.amountMinor * quantity },
  };
}

/** A line for a product the cart did not hold: no hold time until the server grants one. */
function newLine(product: CartProduct, quantity: number): CartItemDto {
  return {
    productId: product.id,
    name: product.name,
    imageUrl: product.imageUrl,
    quantity,
    unitPrice: product.price,
    lineTotal: { ...product.price, amountMinor: product.price.amountMinor * quantity },
    available: Math.max(0, product.available - quantity),
    stale: false,
    checkedAt: new Date().toISOString(),
    reservedUntil: '',
  };
}

function applyChange(items: readonly CartItemDto[], change: CartChange): CartItemDto[] {
  const line = items.find((i) => i.productId === change.productId);
  switch (change.kind) {
    case 'add':
      if (line) return items.map((i) => (i === line ? withQuantity(i, i.quantity + change.quantity) : i));
      return change.product ? [...items, newLine(change.product, change.quantity)] : [...items];
    case 'set':
      return items.map((i) => (i === line ? withQuantity(i, change.quantity) : i));
    case 'remove':
      return items.filter((i) => i !== line);
  }
}

function totalOf(items: readonly CartItemDto[], fallback: Money): Money {
  const currency = items[0]?.unitPrice.currency ?? fallback.currency;
  return { currency, amountMinor: items.reduce((sum, i) => sum + i.lineTotal.amountMinor, 0) };
}

/**
 * The cart the shopper sees: the server's last answer with the changes it has not answered yet applied on
 * top, in order. Dropping a refused change from the list and computing again rolls back exactly that change.
 */
export function showPending(
  confirmed: CartDto | undefined,
  changes: readonly CartChange[],
): CartDto | undefined {
  if (changes.length === 0) return confirmed;
  const firstProduct = changes.map((c) => (c.kind === 'add' ? c.product : undefined)).find(Boolean);
  const fallback: Money = confirmed?.total ?? {
    amountMinor: 0,
    currency: firstProduct?.price.currency ?? 'USD',
  };
  const base: CartDto = confirmed ?? {
    userId: '',
    items: [],
    itemCount: 0,
    total: fallback,
    stale: false,
    updatedAt: '',
  };
  const items = changes.reduce<CartItemDto[]>((acc, change) => applyChange(acc, change), [...base.items]);
  return {
    ...base,
    items,
    itemCount: items.reduce((sum, i) => sum + i.quantity, 0),
    total: totalOf(items, fallback),
  };
}

function what(change: CartChange): string {
  switch (change.kind) {
    case 'add':
      return `Could not add ${change.quantity === 1 ? change.name : `${change.quantity} × ${change.name}`}`;
    case 'set':
      return `Could not change ${change.name} to ${change.quantity}`;
    case 'remove':
      return `Could not remove ${change.name}`;
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function why(error: unknown, change: CartChange): string {
  if (error instanceof TimeoutError) return 'the shop did not answer in time, try again in a moment';
  const problem = toProblem(error);
  const retry = problem.retryAfterSeconds;
  const later = retry !== undefined && retry > 1 ? `in ${Math.ceil(retry)} seconds` : 'in a moment';
  if (problem.code === 'OUT_OF_STOCK') {
    const max = Number(problem.details?.['maxQuantity'] ?? problem.details?.['available']);
    if (!Number.isFinite(max)) return 'there is not enough stock';
    return max <= 0 ? 'it is out of stock' : `only ${max} left`;
  }
  if (problem.code === 'NETWORK' || problem.status === 0)
    return 'the shop could not be reached, check your connection and try again';
  if (problem.code === 'CONFLICT') return `another change to its hold is under way, try again ${later}`;
  if (problem.code === 'TIMEOUT') return `the shop did not answer in time, try again ${later}`;
  if (problem.status === 503 || problem.status === 429) return `the shop is busy, try again ${later}`;
  if (problem.status === 404)
    return change.kind === 'add' ? 'it is no longer in the catalogue' : 'it is no longer in your cart';
  if (problem.status === 401) return 'your session has ended, sign in again';
  if (problem.status >= 500) return `the shop could not do it, try again ${later}`;
  return lowerFirst(problem.message.replace(/\.$/, ''));
}

/** The shopper-facing sentence for a refused change: which product, what was not done, and why. */
export function describeRefusal(error: unknown, change: CartChange): string {
  return `${what(change)}: ${why(error, change)}.`;
}

/**
 * True when the server may have applied the change although the answer says otherwise (no answer, a
 * timeout, a server error): the cart is read again once no change is in flight.
 */
export function outcomeUnknown(error: unknown): boolean {
  if (error instanceof TimeoutError) return true;
  const status = toProblem(error).status;
  return status === 0 || status >= 500;
}

/**
 * True when the request never reached the shop, or its answer never came back: the browser is offline or
 * the shop cannot be reached (status 0). The change is kept and sent again with the same key.
 */
export function connectionLost(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 0;
}

/**
 * What the shopper is told when a change that waited for the connection was applied at another price than
 * the one shown when it was made; undefined when the price is the same.
 */
export function describePriceChange(name: string, before: Money, after: Money): string | undefined {
  if (before.amountMinor === after.amountMinor && before.currency === after.currency) return undefined;
  return `${name} costs ${formatMoney(after)} now (it was ${formatMoney(before)} when you changed your cart).`;
}

/** The confirmation of an answered change, for the polite status region. */
export function describeDone(change: CartChange, cart: CartDto, nowMs: number): string {
  switch (change.kind) {
    case 'add': {
      const line = cart.items.find((i) => i.productId === change.productId);
      const minutes = line ? Math.round((Date.parse(line.reservedUntil) - nowMs) / 60_000) : NaN;
      const held = Number.isFinite(minutes) && minutes > 0 ? `, held for you for ${minutes} minutes` : '';
      return `${change.quantity} × ${change.name} added to your cart${held}.`;
    }
    case 'set':
      return `${change.name}: ${change.quantity} in your cart.`;
    case 'remove':
      return `${change.name} removed from your cart.`;
  }
}
