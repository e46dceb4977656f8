import { SlidingWindow, percentile } from './percentiles';

describe('percentile', () => {
  it('is the nearest-rank value of an unsorted sample, 0 when empty', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([5, 1, 4, 2, 3], 99)).toBe(5);
    expect(percentile([], 50)).toBe(0);
  });
});

describe('SlidingWindow', () => {
  it('keeps the most recent samples up to its capacity, oldest first', () => {
    const w = new SlidingWindow(3, 60_000);
    for (const v of [1, 2, 3, 4, 5]) w.add(v, 1_000);
    expect(w.snapshot(1_000)).toEqual([3, 4, 5]);
  });

  it('drops samples older than maxAgeMs', () => {
    const w = new SlidingWindow(10, 1_000);
    w.add(1, 0);
    w.add(2, 500);
    w.add(3, 1_200);
    expect(w.snapshot(1_400)).toEqual([2, 3]);
    expect(w.snapshot(5_000)).toEqual([]);
  });

  it('is empty before the first sample', () => {
    expect(new SlidingWindow(4).snapshot()).toEqual([]);
  });
});
