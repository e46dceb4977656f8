import { CatalogInvalidated } from '@shop/contracts';
import { ConfigService } from '@nestjs/config';
import { RequestContext } from '@shop/common';
import { InventoryEnv } from '../config/inventory.env';
import { BroadcastBus } from '@shop/messaging';
import { CatalogCache } from './catalog-cache';
import { CatalogInvalidator } from './catalog-invalidator';

describe('CatalogInvalidator', () => {
  const published: { productIds: string[] | '*'; correlationId: string }[] = [];
  const bus = {
    publish: (def: unknown, payload: { productIds: string[] | '*' }, ctx: RequestContext) => {
      expect(def).toBe(CatalogInvalidated);
      published.push({ productIds: payload.productIds, correlationId: ctx.correlationId });
    },
  } as unknown as BroadcastBus;
  let cache: CatalogCache;

  const make = (gatherMs: string) =>
    new CatalogInvalidator(cache, bus, {
      get: () => Number(gatherMs),
    } as unknown as ConfigService<InventoryEnv, true>);

  beforeEach(() => {
    jest.useFakeTimers();
    published.length = 0;
    cache = new CatalogCache('test', 60_000);
  });
  afterEach(() => jest.useRealTimers());

  it('drops local entries at once and sends one broadcast for the changes of one gathering window', () => {
    const invalidator = make('10');
    cache.set('product:a', { id: 'a' }, 'a');
    invalidator.invalidate(['a', 'b'], { correlationId: 'first' });
    expect(cache.get('product:a')).toBeUndefined();
    invalidator.invalidate(['b', 'c'], { correlationId: 'second' });
    expect(published).toEqual([]);
    jest.advanceTimersByTime(10);
    expect(published).toEqual([{ productIds: ['a', 'b', 'c'], correlationId: 'first' }]);
    invalidator.invalidate(['d'], { correlationId: 'third' });
    jest.advanceTimersByTime(10);
    expect(published[1]).toEqual({ productIds: ['d'], correlationId: 'third' });
  });

  it('lets a full invalidation absorb the named products', () => {
    const invalidator = make('10');
    invalidator.invalidate(['a'], { correlationId: 'x' });
    invalidator.invalidate('*', { correlationId: 'y' });
    invalidator.invalidate(['b'], { correlationId: 'z' });
    jest.advanceTimersByTime(10);
    expect(published).toEqual([{ productIds: '*', correlationId: 'x' }]);
  });

  it('broadcasts every change on its own when gathering is off, and flushes what is pending at shutdown', () => {
    make('0').invalidate(['a'], { correlationId: 'now' });
    expect(published).toEqual([{ productIds: ['a'], correlationId: 'now' }]);
    const gathering = make('1000');
    gathering.invalidate(['b'], { correlationId: 'late' });
    gathering.onModuleDestroy();
    expect(published[1]).toEqual({ productIds: ['b'], correlationId: 'late' });
    jest.advanceTimersByTime(1000);
    expect(published).toHaveLength(2);
  });

  it('ignores an empty change', () => {
    make('0').invalidate([], { correlationId: 'none' });
    expect(published).toEqual([]);
  });
});
