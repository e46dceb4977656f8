/** One line of a chart: a value (or null: no data, the line breaks) for every row of its time series. */
export interface Series {
  key: string;
  label: string;
  values: readonly (number | null)[];
}

/** Rows of samples over time (`times` in epoch ms, oldest first) and one series per thing measured. */
export interface TimeSeries {
  times: readonly number[];
  series: readonly Series[];
}

export const EMPTY_TIME_SERIES: TimeSeries = { times: [], series: [] };

/** One measurement of a row: null when the thing measured has no value at that time (e.g. it is down). */
export interface Point {
  key: string;
  label: string;
  value: number | null;
}

export interface WindowOptions {
  /** Rows older than this before the newest row are dropped. */
  windowMs: number;
  /** When more than this passed since the last row, a row of nulls breaks every line instead of bridging. */
  gapMs: number;
}

const byKey = (a: Series, b: Series) => a.key.localeCompare(b.key, 'en', { numeric: true });

/**
 * Appends a row at `at`: each point's value under its key. A key seen for the first time gets a series with
 * nulls before; a series without a point in this row gets null (it dropped out). Rows that fall out of the
 * window are dropped, then series that have no value left. A row not newer than the last is ignored.
 */
export function appendRow(
  ts: TimeSeries,
  at: number,
  points: readonly Point[],
  { windowMs, gapMs }: WindowOptions,
): TimeSeries {
  const last = ts.times.at(-1);
  if (last !== undefined && at <= last) return ts;
  const gap = last !== undefined && at - last > gapMs;
  const times = gap ? [...ts.times, last + 1, at] : [...ts.times, at];
  const byPoint = new Map(points.map((p) => [p.key, p]));
  const series: Series[] = ts.series.map((s) => {
    const point = byPoint.get(s.key);
    byPoint.delete(s.key);
    const values = gap ? [...s.values, null] : [...s.values];
    values.push(point?.value ?? null);
    return { key: s.key, label: point?.label ?? s.label, values };
  });
  for (const point of byPoint.values()) {
    series.push({
      key: point.key,
      label: point.label,
      values: [...new Array<null>(times.length - 1).fill(null), point.value],
    });
  }
  const from = times.findIndex((t) => t >= at - windowMs);
  return {
    times: times.slice(from),
    series: series
      .map((s) => ({ ...s, values: s.values.slice(from) }))
      .filter((s) => s.values.some((v) => v !== null))
      .sort(byKey),
  };
}

/** The value of a series in the newest row (null: it has none now). */
export function latest(series: Series): number | null {
  return series.values.at(-1) ?? null;
}

/** The highest value of a series over its window (null: none). */
export function peak(series: Series): number | null {
  let max: number | null = null;
  for (const v of series.values) if (v !== null && (max === null || v > max)) max = v;
  return max;
}
