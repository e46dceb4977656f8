import { EMPTY_TIME_SERIES, type Point, appendRow, latest, peak } from './time-series';

const WINDOW = { windowMs: 10_000, gapMs: 3_000 };
const p = (key: string, value: number | null): Point => ({ key, label: key.toUpperCase(), value });

describe('appendRow', () => {
  it('adds a row per sample, a series per key, in key order (numbers in ids counted as numbers)', () => {
    let ts = appendRow(EMPTY_TIME_SERIES, 1000, [p('svc-10', 1), p('svc-2', 2)], WINDOW);
    ts = appendRow(ts, 2000, [p('svc-10', 3), p('svc-2', 4)], WINDOW);
    expect(ts.times).toEqual([1000, 2000]);
    expect(ts.series).toEqual([
      { key: 'svc-2', label: 'SVC-2', values: [2, 4] },
      { key: 'svc-10', label: 'SVC-10', values: [1, 3] },
    ]);
  });

  it('gives a series that leaves null (its line breaks) and one that joins nulls before it', () => {
    let ts = appendRow(EMPTY_TIME_SERIES, 1000, [p('a', 1), p('b', 1)], WINDOW);
    ts = appendRow(ts, 2000, [p('a', 2)], WINDOW);
    ts = appendRow(ts, 3000, [p('a', 3), p('c', 7)], WINDOW);
    expect(ts.series.map((s) => [s.key, s.values])).toEqual([
      ['a', [1, 2, 3]],
      ['b', [1, null, null]],
      ['c', [null, null, 7]],
    ]);
    expect(latest(ts.series[1])).toBeNull();
    expect(peak(ts.series[1])).toBe(1);
  });

  it('drops rows older than the window, then series left without a value', () => {
    let ts = appendRow(EMPTY_TIME_SERIES, 1000, [p('old', 5), p('a', 1)], WINDOW);
    ts = appendRow(ts, 2000, [p('a', 2)], WINDOW);
    ts = appendRow(ts, 11_500, [p('a', 3)], WINDOW);
    expect(ts.times[0]).toBeGreaterThanOrEqual(1500);
    expect(ts.series.map((s) => s.key)).toEqual(['a']);
    expect(ts.series[0].values.at(-1)).toBe(3);
  });

  it('breaks every line over a pause longer than the gap, and ignores a row that is not newer', () => {
    let ts = appendRow(EMPTY_TIME_SERIES, 1000, [p('a', 1)], WINDOW);
    ts = appendRow(ts, 6000, [p('a', 2)], WINDOW);
    expect(ts.times).toEqual([1000, 1001, 6000]);
    expect(ts.series[0].values).toEqual([1, null, 2]);
    expect(appendRow(ts, 6000, [p('a', 9)], WINDOW)).toBe(ts);
  });
});
