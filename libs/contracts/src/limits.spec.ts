import {
  MAX_CART_LINES,
  MAX_CART_LINE_QUANTITY,
  MAX_LINE_QUANTITY,
  MAX_ORDER_LINES,
  cardNumberDigits,
  cardNumberProblem,
  lineQuantityProblem,
  orderItemsProblem,
} from './limits';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const lines = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ productId: id(i + 1), quantity: 1 }));

describe('limits', () => {
  it('lets any cart be ordered: the cart limits are the order limits', () => {
    expect(MAX_CART_LINES).toBe(MAX_ORDER_LINES);
    expect(MAX_CART_LINE_QUANTITY).toBe(MAX_LINE_QUANTITY);
  });

  describe('orderItemsProblem', () => {
    it('accepts 1 to MAX_ORDER_LINES lines of distinct products', () => {
      expect(orderItemsProblem(lines(1))).toBeUndefined();
      expect(orderItemsProblem(lines(MAX_ORDER_LINES))).toBeUndefined();
      expect(orderItemsProblem([{ productId: id(1), quantity: MAX_LINE_QUANTITY }])).toBeUndefined();
    });

    it('refuses no lines, too many, or something that is not a list', () => {
      const message = `items must be an array of 1 to ${MAX_ORDER_LINES} lines`;
      expect(orderItemsProblem([])).toBe(message);
      expect(orderItemsProblem(lines(MAX_ORDER_LINES + 1))).toBe(message);
      expect(orderItemsProblem(undefined)).toBe(message);
      expect(orderItemsProblem({ 0: lines(1)[0] })).toBe(message);
    });

    it('names the first offending field', () => {
      expect(orderItemsProblem([lines(1)[0], null])).toBe('items.1 must be an object');
      expect(orderItemsProblem([{ productId: 'p-1', quantity: 1 }])).toBe(
        'items.0.productId must be a product id (UUID)',
      );
      expect(orderItemsProblem([{ productId: id(1), quantity: 0 }])).toBe(
        `items.0.quantity must be an integer from 1 to ${MAX_LINE_QUANTITY}`,
      );
      expect(orderItemsProblem([{ productId: id(1), quantity: 1.5 }])).toMatch(/^items\.0\.quantity/);
      expect(orderItemsProblem([{ productId: id(1), quantity: '2' }])).toMatch(/^items\.0\.quantity/);
      expect(orderItemsProblem([{ productId: id(1), quantity: MAX_LINE_QUANTITY + 1 }])).toMatch(
        /^items\.0\.quantity/,
      );
    });

    it('refuses a product twice, whatever the case of its id', () => {
      expect(
        orderItemsProblem([
          { productId: 'ABCDEF00-0000-4000-8000-000000000001', quantity: 1 },
          { productId: 'abcdef00-0000-4000-8000-000000000001', quantity: 2 },
        ]),
      ).toBe('items.1.productId abcdef00-0000-4000-8000-000000000001 appears twice');
    });

    it('uses the caller’s field name', () => {
      expect(orderItemsProblem([], 'lines')).toBe(`lines must be an array of 1 to ${MAX_ORDER_LINES} lines`);
      expect(lineQuantityProblem(100, 'quantity')).toBe(
        `quantity must be an integer from 1 to ${MAX_LINE_QUANTITY}`,
      );
    });
  });

  describe('card numbers', () => {
    it('takes 12 to 19 digits, grouped by spaces or dashes', () => {
      expect(cardNumberDigits('4242 4242 4242 4242')).toBe('4242424242424242');
      expect(cardNumberDigits('4000-0000-0000-0002')).toBe('4000000000000002');
      expect(cardNumberDigits('123456789012')).toBe('123456789012');
      expect(cardNumberDigits('1234567890123456789')).toBe('1234567890123456789');
      expect(cardNumberProblem('4242 4242 4242 4242')).toBeUndefined();
    });

    it('refuses too few or too many digits, other characters, or a text too long', () => {
      for (const bad of [
        '12345678901',
        '12345678901234567890',
        '4242x4242424242',
        '',
        4242424242424242,
        undefined,
      ])
        expect(cardNumberDigits(bad)).toBeUndefined();
      expect(cardNumberDigits('1 2 3 4 5 6 7 8 9 0 1 2 3')).toBeUndefined();
      expect(cardNumberProblem('123')).toBe(
        'cardNumber must be 12 to 19 digits (spaces or dashes between them are fine)',
      );
    });
  });
});
