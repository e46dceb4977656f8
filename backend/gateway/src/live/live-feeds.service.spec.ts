import { MessageEvent } from '@nestjs/common';
import { AppError } from '@shop/common';
import { sampled } from './live-feeds.service';

describe('sampled live feed', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const flush = async (ms: number) => {
    await jest.advanceTimersByTimeAsync(ms);
  };

  it('takes one sample per period for every open stream, gives a late stream the latest at once, and stops with the last', async () => {
    let n = 0;
    const fetch = jest.fn(() => Promise.resolve({ n: ++n }));
    const feed = sampled('queues', 1000, fetch);
    const a: MessageEvent[] = [];
    const b: MessageEvent[] = [];
    const subA = feed.subscribe((e) => a.push(e));
    await flush(0);
    expect(a).toEqual([{ type: 'queues', data: { n: 1 } }]);
    const subB = feed.subscribe((e) => b.push(e));
    expect(b).toEqual([{ type: 'queues', data: { n: 1 } }]);
    await flush(2000);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(a.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3]);
    expect(b.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3]);
    subA.unsubscribe();
    subB.unsubscribe();
    await flush(5000);
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('sends "unavailable" for a failed sample and goes on', async () => {
    const fetch = jest
      .fn<Promise<object>, []>()
      .mockRejectedValueOnce(AppError.unavailable('No orders instance answered'))
      .mockResolvedValue({ ok: true });
    const events: MessageEvent[] = [];
    const sub = sampled('queues', 1000, fetch).subscribe((e) => events.push(e));
    await flush(1000);
    sub.unsubscribe();
    expect(events).toEqual([
      {
        type: 'unavailable',
        data: { at: expect.any(String), code: 'UNAVAILABLE', message: 'No orders instance answered' },
      },
      { type: 'queues', data: { ok: true } },
    ]);
  });
});
