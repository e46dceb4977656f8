import { formatMoney } from './money';

describe('formatMoney', () => {
  it('uses the minor units of each currency', () => {
    expect(formatMoney({ amountMinor: 129999, currency: 'USD' })).toBe('$1,299.99');
    expect(formatMoney({ amountMinor: 500, currency: 'JPY' })).toBe('¥500');
    expect(formatMoney({ amountMinor: 1050, currency: 'EUR' })).toBe('€10.50');
    expect(formatMoney(undefined)).toBe('–');
  });
});
