import { safeReturnUrl } from '@shop/web';

describe('safeReturnUrl', () => {
  it('accepts paths of this app only', () => {
    expect(safeReturnUrl('/product/42?x=1')).toBe('/product/42?x=1');
    expect(safeReturnUrl(undefined)).toBe('/');
    expect(safeReturnUrl('https://evil.example')).toBe('/');
    expect(safeReturnUrl('//evil.example')).toBe('/');
    expect(safeReturnUrl('/\\evil.example')).toBe('/');
  });
});
