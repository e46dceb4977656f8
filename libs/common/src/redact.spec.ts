import { redactData, redactSecrets } from './redact';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSIsInNpZCI6InMxIn0.c2lnbmF0dXJlLXBhcnQ';

describe('redactSecrets', () => {
  it('removes tokens from URLs, bearer headers and any JWT-shaped text', () => {
    expect(redactSecrets(`GET /api/logs/stream?level=warn&access_token=${JWT}&q=x 200`)).toBe(
      'GET /api/logs/stream?level=warn&access_token=[redacted]&q=x 200',
    );
    expect(redactSecrets(`/api/orders/stream?access_token=abc`)).toBe(
      '/api/orders/stream?access_token=[redacted]',
    );
    expect(redactSecrets(`authorization: Bearer ${JWT}`)).toBe('authorization: Bearer [redacted]');
    expect(redactSecrets(`failed to verify ${JWT} at gateway`)).toBe(
      'failed to verify [redacted] at gateway',
    );
  });

  it('leaves texts without credentials as they are', () => {
    const text = 'GET /api/products?page=2&q=tokenless 200 3.1ms';
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('redactData', () => {
  it('blanks secret-named fields and redacts credentials in nested texts', () => {
    expect(
      redactData({
        password: 'Secret123',
        refreshToken: 'abc',
        url: `/x?access_token=${JWT}`,
        nested: { list: [`Bearer ${JWT}`], status: 200 },
      }),
    ).toEqual({
      password: '[redacted]',
      refreshToken: '[redacted]',
      url: '/x?access_token=[redacted]',
      nested: { list: ['Bearer [redacted]'], status: 200 },
    });
  });
});
