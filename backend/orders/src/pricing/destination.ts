import { ShippingMethod, countryProblem, shippingMethodProblem } from '@shop/contracts';
import { AppError } from '@shop/common';

/** Where an order goes and how. */
export interface Destination {
  country: string;
  shippingMethod: ShippingMethod;
}

/**
 * The destination of a checkout or a quote: `destinationCountry`, else the shipping address's country, else
 * `defaultCountry`; `shippingMethod`, else standard. A bad country or method, or a destination country that
 * differs from the shipping address's, is a 400 that names it.
 */
export function destinationOf(
  req: { destinationCountry?: unknown; shippingMethod?: unknown; shippingAddress?: { country?: unknown } },
  defaultCountry: string,
): Destination {
  const addressCountry = req.shippingAddress?.country;
  if (req.destinationCountry !== undefined) {
    const problem = countryProblem(req.destinationCountry);
    if (problem) throw AppError.badRequest(problem);
  }
  if (addressCountry !== undefined) {
    const problem = countryProblem(addressCountry, 'shippingAddress.country');
    if (problem) throw AppError.badRequest(problem);
  }
  if (
    req.destinationCountry !== undefined &&
    addressCountry !== undefined &&
    req.destinationCountry !== addressCountry
  )
    throw AppError.badRequest(
      `destinationCountry (${String(req.destinationCountry)}) differs from shippingAddress.country (${String(addressCountry)})`,
    );
  if (req.shippingMethod !== undefined) {
    const problem = shippingMethodProblem(req.shippingMethod);
    if (problem) throw AppError.badRequest(problem);
  }
  return {
    country: ((req.destinationCountry ?? addressCountry) as string | undefined) ?? defaultCountry,
    shippingMethod: (req.shippingMethod as ShippingMethod | undefined) ?? 'standard',
  };
}
