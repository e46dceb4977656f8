import { ErrorCode, TRANSPORT_ERROR_CODES, isTransportErrorCode } from './errors';

describe('transport error codes', () => {
  it('are the codes that say nothing about the business outcome', () => {
    expect([...TRANSPORT_ERROR_CODES].sort()).toEqual(['INTERNAL', 'TIMEOUT', 'UNAVAILABLE']);
    for (const code of TRANSPORT_ERROR_CODES) expect(isTransportErrorCode(code)).toBe(true);
    for (const code of [ErrorCode.Busy, ErrorCode.BadRequest, ErrorCode.PaymentDeclined, 'OTHER', undefined])
      expect(isTransportErrorCode(code)).toBe(false);
  });
});
