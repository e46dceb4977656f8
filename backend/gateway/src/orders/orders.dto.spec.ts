import { randomUUID } from 'node:crypto';
import { BadRequestException } from '@nestjs/common';
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES, SIMULATED_TEST_CARDS } from '@shop/contracts';
import { createValidationPipe } from '../http/validation';
import { PlaceOrderDto } from './orders.dto';

/** The 400 message the validation pipe gives `body`, or undefined when it is accepted. */
async function refusal(body: unknown): Promise<string | undefined> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: PlaceOrderDto });
    return undefined;
  } catch (err) {
    if (!(err instanceof BadRequestException)) throw err;
    return (err.getResponse() as { message: string[] }).message.join('; ');
  }
}

describe('PlaceOrderDto: the limits of libs/contracts', () => {
  const card = SIMULATED_TEST_CARDS.approve;
  const line = (quantity = 1, productId: string = randomUUID()) => ({ productId, quantity });

  it('accepts an order within the limits, and the cart path without items', async () => {
    expect(await refusal({ items: [line(MAX_LINE_QUANTITY)], cardNumber: card })).toBeUndefined();
    expect(await refusal({ cardNumber: '4000 0000 0000 0002' })).toBeUndefined();
    const full = Array.from({ length: MAX_ORDER_LINES }, () => line());
    expect(await refusal({ items: full, cardNumber: card })).toBeUndefined();
  });

  it('refuses too many lines, a quantity out of bounds, a product twice and a bad product id', async () => {
    const tooMany = Array.from({ length: MAX_ORDER_LINES + 1 }, () => line());
    expect(await refusal({ items: tooMany, cardNumber: card })).toMatch(/items must be an array of 1 to/);
    expect(await refusal({ items: [], cardNumber: card })).toMatch(/items must be an array of 1 to/);
    expect(await refusal({ items: [line(MAX_LINE_QUANTITY + 1)], cardNumber: card })).toMatch(
      /items\.0\.quantity must be an integer from 1 to/,
    );
    const id = randomUUID();
    expect(await refusal({ items: [line(1, id), line(2, id.toUpperCase())], cardNumber: card })).toMatch(
      /items\.1\.productId .* appears twice/,
    );
    expect(await refusal({ items: [line(1, 'nope')], cardNumber: card })).toMatch(/items\.0\.productId/);
    expect(await refusal({ items: [{ ...line(), extra: 1 }], cardNumber: card })).toMatch(
      /items\.0\.property extra should not exist/,
    );
  });

  it('refuses a card number that breaks the card rule', async () => {
    for (const cardNumber of ['1234', '4'.repeat(20), '4000-0000-0000-000x', 4000000000000002])
      expect(await refusal({ cardNumber })).toMatch(/cardNumber must be 12 to 19 digits/);
  });
});
