import { MAX_PAGE_NUMBER } from '@shop/contracts';
import { optionalText, pageWindow } from './list-input';

describe('pageWindow', () => {
  it('gives the offset of a valid page and defaults to the first page of 20', () => {
    expect(pageWindow({ page: 3, pageSize: 10 })).toEqual({ page: 3, pageSize: 10, offset: 20 });
    expect(pageWindow(undefined)).toEqual({ page: 1, pageSize: 20, offset: 0 });
  });

  it.each([
    [{ page: 1e34 }, /page must be an integer from 1 to/],
    [{ page: MAX_PAGE_NUMBER + 1 }, /page must be/],
    [{ page: 0 }, /page must be/],
    [{ page: 1.5 }, /page must be/],
    [{ page: '2' }, /page must be/],
    [{ pageSize: 101 }, /pageSize must be an integer from 1 to 100/],
    [{ pageSize: Number.NaN }, /pageSize must be/],
  ])('refuses %p with a 400 naming the parameter', (req, message) => {
    expect(() => pageWindow(req)).toThrow(message);
  });
});

describe('optionalText', () => {
  it('trims, and treats blank and absent alike', () => {
    expect(optionalText('q', '  coffee ', 200)).toBe('coffee');
    expect(optionalText('q', '   ', 200)).toBeUndefined();
    expect(optionalText('q', undefined, 200)).toBeUndefined();
  });

  it('refuses NUL characters, other types and over-long text', () => {
    expect(() => optionalText('q', 'a\u0000b', 200)).toThrow('q must not contain NUL characters');
    expect(() => optionalText('q', 5, 200)).toThrow('q must be a string');
    expect(() => optionalText('category', 'x'.repeat(101), 100)).toThrow('category must be at most 100');
  });
});
