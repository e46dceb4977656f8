import { PlaceOrderRequest } from '@shop/contracts';
import { AppError } from '@shop/common';

const MAX_LINES = 50;
const MAX_QUANTITY = 99;

/** Checks a placeOrder request (the gateway validates too; the service never trusts its callers). */
export function validatePlaceOrder(req: PlaceOrderRequest): void {
  if (!req || typeof req !== 'object') throw AppError.badRequest('The order request body is missing');
  if (typeof req.cardNumber !== 'string' || !/^\d{12,19}$/.test(req.cardNumber.replace(/[\s-]/g, '')))
    throw AppError.badRequest('cardNumber must be 12 to 19 digits');
  if (req.items === undefined) return;
  if (!Array.isArray(req.items) || req.items.length === 0)
    throw AppError.badRequest('items must be a non-empty array (or omit it to order your cart)');
  if (req.items.length > MAX_LINES) throw AppError.badRequest(`items may hold at most ${MAX_LINES} lines`);
  const seen = new Set<string>();
  req.items.forEach((item, i) => {
    if (typeof item?.productId !== 'string' || item.productId.length === 0)
      throw AppError.badRequest(`items.${i}.productId must be a non-empty string`);
    if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > MAX_QUANTITY)
      throw AppError.badRequest(`items.${i}.quantity must be an integer from 1 to ${MAX_QUANTITY}`);
    if (seen.has(item.productId))
      throw AppError.badRequest(`items.${i}.productId ${item.productId} appears twice`);
    seen.add(item.productId);
  });
}
