import { CatalogCache } from './catalog-cache';

describe('CatalogCache', () => {
  let now = 1_000;
  const clock = { now: () => now };
  const cache = () => new CatalogCache('inventory-1', 100, clock);

  beforeEach(() => (now = 1_000));

  it('counts hits and misses and expires entries after the TTL', () => {
    const c = cache();
    expect(c.get('product:a')).toBeUndefined();
    c.set('product:a', { id: 'a' }, 'a');
    expect(c.get('product:a')).toEqual({ id: 'a' });
    now += 101;
    expect(c.get('product:a')).toBeUndefined();
    expect(c.stats()).toMatchObject({
      instanceId: 'inventory-1',
      entries: 0,
      hits: 1,
      misses: 2,
      ttlMs: 100,
    });
  });

  it('drops the named products and every multi-product entry, keeping other products', () => {
    const c = cache();
    c.set('product:a', 1, 'a');
    c.set('product:b', 2, 'b');
    c.set('list:{}', 3);
    expect(c.invalidate(['a'])).toBe(2);
    expect(c.get('product:b')).toBe(2);
    expect(c.get('list:{}')).toBeUndefined();
    expect(c.stats()).toMatchObject({ entries: 1, lastInvalidationKeys: ['a'] });
    expect(c.stats().lastInvalidationAt).toBe(new Date(1_000).toISOString());
    c.invalidate('*');
    expect(c.stats().entries).toBe(0);
  });

  it('caches nothing with a TTL of 0', () => {
    const c = new CatalogCache('i', 0, clock);
    c.set('k', 1);
    expect(c.get('k')).toBeUndefined();
  });
});
