import { DEFAULT_RETRY_AFTER_SECONDS } from '@shop/contracts';
import { retryAfterSeconds } from './all-exceptions.filter';
import { httpStatusFor } from './error-status';

describe('Retry-After of error answers', () => {
  it('gives every 503 a Retry-After: the error details when they say, else the default', () => {
    expect(retryAfterSeconds({ statusCode: 503, details: { retryAfterSeconds: 2.2 } })).toBe(3);
    expect(retryAfterSeconds({ statusCode: 503 })).toBe(DEFAULT_RETRY_AFTER_SECONDS);
    expect(retryAfterSeconds({ statusCode: 503, details: { retryAfterSeconds: 'soon' } })).toBe(
      DEFAULT_RETRY_AFTER_SECONDS,
    );
    expect(retryAfterSeconds({ statusCode: 503, details: { retryAfterSeconds: 0 } })).toBe(1);
  });

  it('gives a 429 the limiter’s Retry-After (else the default), and other answers none', () => {
    expect(retryAfterSeconds({ statusCode: 429, details: { retryAfterSeconds: 30 } })).toBe(30);
    expect(retryAfterSeconds({ statusCode: 429 })).toBe(DEFAULT_RETRY_AFTER_SECONDS);
    expect(retryAfterSeconds({ statusCode: 500 })).toBeUndefined();
    expect(retryAfterSeconds({ statusCode: 409, details: { retryAfterSeconds: 5 } })).toBeUndefined();
  });

  it('answers a service that timed out as unavailable (503), not as a gateway timeout', () => {
    expect(httpStatusFor('TIMEOUT')).toBe(503);
    expect(httpStatusFor('UNAVAILABLE')).toBe(503);
    expect(httpStatusFor('BUSY')).toBe(503);
    expect(httpStatusFor('INTERNAL')).toBe(500);
  });
});
