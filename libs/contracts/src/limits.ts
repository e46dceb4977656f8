import { isUuid } from './ids';

/**
 * The limits of what one request may carry, decided here once. The gateway's DTOs, the services' own checks
 * (a service never trusts its callers) and both Angular apps use these values, so a request the edge accepts
 * is never refused further in for the same reason, and any cart can be ordered as it is.
 */

/** Most lines one order may hold. */
export const MAX_ORDER_LINES = 50;

/**
 * Largest quantity of one product in an order line or a cart line: one limit for both, so every cart line
 * can be ordered.
 */
export const MAX_LINE_QUANTITY = 99;

/** Largest quantity of one product a cart may hold (the order line's limit). */
export const MAX_CART_LINE_QUANTITY = MAX_LINE_QUANTITY;

/** Most lines one cart may hold: an order's limit, so any cart can be ordered as it is. */
export const MAX_CART_LINES = MAX_ORDER_LINES;

/** Largest stock quantity of one product (units on hand, the low-stock threshold, an admin's change). */
export const MAX_STOCK_QUANTITY = 1_000_000;

/** The most items one inventory `reserveBatch` call may carry. */
export const MAX_RESERVE_BATCH = 256;

/** Largest page of any paginated list. */
export const MAX_PAGE_SIZE = 100;

/** Page size of a paginated list when the request does not say. */
export const DEFAULT_PAGE_SIZE = 20;

/**
 * The highest page number any paginated list accepts (with at most MAX_PAGE_SIZE items a page, offsets stay
 * far inside what PostgreSQL's OFFSET takes).
 */
export const MAX_PAGE_NUMBER = 1_000_000;

/** The most products one live stock stream may watch (a shop page's largest page). */
export const MAX_STOCK_STREAM_PRODUCTS = MAX_PAGE_SIZE;

/** Longest `Idempotency-Key` of a checkout or a cart change. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/**
 * A card number as typed: 12 to 19 digits, optionally grouped by spaces or dashes (at most 23 characters in
 * all). Only its digits are sent on.
 */
export const CARD_NUMBER = { minDigits: 12, maxDigits: 19, maxLength: 23 } as const;

const CARD_INPUT = /^[\d\s-]+$/;

/** The digits of a card number written by the CARD_NUMBER rule, or undefined when it breaks the rule. */
export function cardNumberDigits(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > CARD_NUMBER.maxLength || !CARD_INPUT.test(value))
    return undefined;
  const digits = value.replace(/[\s-]/g, '');
  return digits.length >= CARD_NUMBER.minDigits && digits.length <= CARD_NUMBER.maxDigits
    ? digits
    : undefined;
}

/** What is wrong with a card number, or undefined when it follows the CARD_NUMBER rule. */
export function cardNumberProblem(value: unknown, field = 'cardNumber'): string | undefined {
  return cardNumberDigits(value) === undefined
    ? `${field} must be ${CARD_NUMBER.minDigits} to ${CARD_NUMBER.maxDigits} digits (spaces or dashes between them are fine)`
    : undefined;
}

/** What is wrong with one line's quantity, or undefined when it is an integer from 1 to MAX_LINE_QUANTITY. */
export function lineQuantityProblem(value: unknown, field = 'quantity'): string | undefined {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_LINE_QUANTITY
    ? undefined
    : `${field} must be an integer from 1 to ${MAX_LINE_QUANTITY}`;
}

/**
 * What is wrong with the lines of an order (or of a cart being ordered), or undefined when they are fine:
 * 1 to MAX_ORDER_LINES lines, each a product id (UUID) and a quantity from 1 to MAX_LINE_QUANTITY, no product
 * twice (whatever the case of its id). The message names the first offending field (`items.3.quantity`).
 */
export function orderItemsProblem(items: unknown, field = 'items'): string | undefined {
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_ORDER_LINES)
    return `${field} must be an array of 1 to ${MAX_ORDER_LINES} lines`;
  const seen = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as { productId?: unknown; quantity?: unknown } | null | undefined;
    if (typeof item !== 'object' || item === null) return `${field}.${i} must be an object`;
    if (!isUuid(item.productId)) return `${field}.${i}.productId must be a product id (UUID)`;
    const quantity = lineQuantityProblem(item.quantity, `${field}.${i}.quantity`);
    if (quantity) return quantity;
    const id = item.productId.toLowerCase();
    if (seen.has(id)) return `${field}.${i}.productId ${item.productId} appears twice`;
    seen.add(id);
  }
  return undefined;
}
