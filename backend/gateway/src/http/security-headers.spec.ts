import { API_SECURITY_HEADERS, DOCUMENT_SECURITY_HEADERS, securityHeadersFor } from './security-headers';

describe('securityHeadersFor', () => {
  it.each(['/api/products?page=1', '/api/services/inventory/info', '/api/docs-json', '/health/ready'])(
    'gives JSON endpoint %s the headers that protect any response',
    (url) => expect(securityHeadersFor(url)).toBe(API_SECURITY_HEADERS),
  );

  it.each([
    '/',
    '/shop',
    '/admin/services',
    '/assets/products/beau-001.svg',
    '/api/docs',
    '/api/docs/',
    '/api/docs?x=1',
    '/api',
  ])('gives page or file %s the document headers as well', (url) =>
    expect(securityHeadersFor(url)).toBe(DOCUMENT_SECURITY_HEADERS),
  );

  it('keeps every API header in the document set, with helmet’s values', () => {
    const doc = new Map(DOCUMENT_SECURITY_HEADERS);
    for (const [name, value] of API_SECURITY_HEADERS) expect(doc.get(name)).toBe(value);
    expect(doc.get('x-content-type-options')).toBe('nosniff');
    expect(doc.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(doc.size).toBe(11);
  });
});
