import { AppError } from '@shop/common';
import { destinationOf } from './destination';

const address = (country: string) => ({ name: 'A', line1: '1 Road', city: 'C', postalCode: '1', country });

describe('destinationOf', () => {
  it('takes the destination country, else the address country, else the default', () => {
    expect(destinationOf({ destinationCountry: 'DE' }, 'US')).toEqual({
      country: 'DE',
      shippingMethod: 'standard',
    });
    expect(destinationOf({ shippingAddress: address('GB') }, 'US').country).toBe('GB');
    expect(destinationOf({ shippingMethod: 'express' }, 'US')).toEqual({
      country: 'US',
      shippingMethod: 'express',
    });
  });

  it.each([
    [{ destinationCountry: 'XX' }, /^destinationCountry must be an ISO 3166-1/],
    [{ destinationCountry: 'de' }, /^destinationCountry must be/],
    [{ shippingAddress: address('Germany') }, /^shippingAddress\.country must be/],
    [{ destinationCountry: 'DE', shippingAddress: address('FR') }, /differs from shippingAddress\.country/],
    [{ shippingMethod: 'overnight' }, /^shippingMethod must be one of standard, express/],
  ])('refuses %j with a 400 naming the field', (req, message) => {
    let error: unknown;
    try {
      destinationOf(req, 'US');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('BAD_REQUEST');
    expect((error as AppError).message).toMatch(message);
  });
});
