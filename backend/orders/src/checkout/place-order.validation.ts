import { PlaceOrderRequest, cardNumberProblem, orderItemsProblem } from '@shop/contracts';
import { AppError } from '@shop/common';

/** Checks a placeOrder request by the shared limits (the gateway checks too; the service never trusts its callers). */
export function validatePlaceOrder(req: PlaceOrderRequest): void {
  if (!req || typeof req !== 'object') throw AppError.badRequest('The order request body is missing');
  const problem =
    cardNumberProblem(req.cardNumber) ?? (req.items === undefined ? undefined : orderItemsProblem(req.items));
  if (problem) throw AppError.badRequest(problem);
}
