import { firstValueFrom, take, toArray } from 'rxjs';
import { AvailabilityDto, AvailabilityRequest, StockChangeDto } from '@shop/contracts';
import { AppLogger, createContext } from '@shop/common';
import { RpcClient } from '@shop/messaging';
import { STOCK_FEED_WINDOW_MS, StockFeed } from './stock-feed';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';

describe('StockFeed', () => {
  let stock: Map<string, number>;
  let calls: string[][];
  let feed: StockFeed;

  beforeEach(() => {
    jest.useFakeTimers();
    stock = new Map([
      [A, 5],
      [B, 7],
      [C, 9],
    ]);
    calls = [];
    const rpc = {
      call: (_method: unknown, req: AvailabilityRequest): Promise<AvailabilityDto[]> => {
        calls.push([...req.productIds].sort());
        return Promise.resolve(
          req.productIds.map((productId) => ({
            productId,
            available: stock.get(productId) ?? 0,
            price: { amountMinor: 100, currency: 'USD' },
            name: productId,
            imageUrl: '',
          })),
        );
      },
    } as unknown as RpcClient;
    const logger = { write: jest.fn() } as unknown as AppLogger;
    feed = new StockFeed(rpc, logger);
  });

  afterEach(() => {
    feed.onModuleDestroy();
    jest.useRealTimers();
  });

  const changed = (productIds: string[] | '*') => feed.onChanged({ productIds }, createContext());

  /** Lets the pending promise callbacks run (fake timers do not hold them). */
  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };

  it('starts every stream with a snapshot of its products', async () => {
    const first = firstValueFrom(feed.watch([A, B], createContext()));
    expect((await first).map((i) => [i.productId, i.available])).toEqual([
      [A, 5],
      [B, 7],
    ]);
  });

  it('gathers many changes of a product within a window into one call and one message per stream', async () => {
    const seenOne: StockChangeDto[][] = [];
    const seenTwo: StockChangeDto[][] = [];
    const one = feed.watch([A, B], createContext()).subscribe((m) => seenOne.push(m));
    const two = feed.watch([B, C], createContext()).subscribe((m) => seenTwo.push(m));
    await settle();
    calls = [];
    for (let n = 0; n < 50; n++) {
      stock.set(B, 50 - n);
      changed([B]);
    }
    changed([A]);
    await jest.advanceTimersByTimeAsync(STOCK_FEED_WINDOW_MS);
    await settle();

    expect(calls).toEqual([[A, B].sort()]);
    expect(seenOne.slice(1)).toHaveLength(1);
    expect(seenOne[1].map((i) => [i.productId, i.available]).sort()).toEqual([
      [A, 5],
      [B, 1],
    ]);
    expect(seenTwo.slice(1).map((m) => m.map((i) => [i.productId, i.available]))).toEqual([[[B, 1]]]);
    one.unsubscribe();
    two.unsubscribe();
  });

  it('asks nothing for products no stream watches, nor once every stream is closed', async () => {
    const sub = feed.watch([A], createContext()).subscribe();
    await settle();
    calls = [];
    changed([C]);
    await jest.advanceTimersByTimeAsync(STOCK_FEED_WINDOW_MS * 2);
    expect(calls).toEqual([]);

    sub.unsubscribe();
    changed([A]);
    changed('*');
    await jest.advanceTimersByTimeAsync(STOCK_FEED_WINDOW_MS * 2);
    expect(calls).toEqual([]);
    expect(feed.streams).toBe(0);
  });

  it('reads every watched product when a change names all of them', async () => {
    const messages = firstValueFrom(feed.watch([A, C], createContext()).pipe(take(2), toArray()));
    await settle();
    stock.set(C, 0);
    changed('*');
    await jest.advanceTimersByTimeAsync(STOCK_FEED_WINDOW_MS);
    const [, update] = await messages;
    expect(update.map((i) => [i.productId, i.available]).sort()).toEqual([
      [A, 5],
      [C, 0],
    ]);
  });
});
