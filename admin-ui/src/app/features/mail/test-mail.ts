import type { ReceivedMailDto } from '@shop/contracts';

export function receivedMail(overrides: Partial<ReceivedMailDto> = {}): ReceivedMailDto {
  return {
    id: 'mail-1',
    from: 'Distributed Shop <orders@shop.local>',
    to: ['shopper@shop.local'],
    subject: 'Order ord-1 confirmed',
    text: 'Thank you! Your order ord-1 (12.00 EUR) is confirmed and queued for fulfilment.',
    receivedAt: '2026-11-23T12:00:00.000Z',
    ...overrides,
  };
}
