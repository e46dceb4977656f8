import { Registry, Counter, Gauge, Histogram } from 'prom-client';
import { parsePrometheusText, sampleValue } from './prometheus-text';

describe('parsePrometheusText', () => {
  it('accepts what prom-client writes and reads the values back', async () => {
    const registry = new Registry();
    registry.setDefaultLabels({ service: 'orders' });
    new Counter({ name: 'jobs_total', help: 'Jobs', labelNames: ['kind'], registers: [registry] }).inc(
      { kind: 'a' },
      3,
    );
    new Histogram({ name: 'took_seconds', help: 'Took', buckets: [0.1, 1], registers: [registry] }).observe(
      0.5,
    );
    const families = parsePrometheusText(await registry.metrics());
    expect(families.map((f) => [f.name, f.type])).toEqual([
      ['jobs_total', 'COUNTER'],
      ['took_seconds', 'HISTOGRAM'],
    ]);
    expect(sampleValue(families, 'jobs_total', { kind: 'a', service: 'orders' })).toBe(3);
    expect(sampleValue(families, 'jobs_total', { kind: 'b' })).toBeUndefined();
  });

  it('accepts a gauge with no value yet, which prom-client writes as "Nan" (Prometheus reads it as NaN)', async () => {
    const registry = new Registry();
    new Gauge({ name: 'lag_seconds', help: 'Lag', registers: [registry] }).set(NaN);
    const text = await registry.metrics();
    expect(text).toMatch(/lag_seconds Nan/i);
    expect(Number.isNaN(sampleValue(parsePrometheusText(text), 'lag_seconds'))).toBe(true);
  });

  it.each([
    ['an empty text', ''],
    ['a line that is no sample', '# HELP a x\n# TYPE a counter\na 1\nthis is not a sample\n'],
    ['a sample without # TYPE', 'a{b="c"} 1\n'],
    ['an unterminated label value', '# HELP a x\n# TYPE a gauge\na{b="c} 1\n'],
    ['a value that is no number', '# HELP a x\n# TYPE a gauge\na{b="c"} many\n'],
    ['a family without help', '# TYPE a gauge\na 1\n'],
    [
      'decreasing histogram buckets',
      '# HELP h x\n# TYPE h histogram\nh_bucket{le="0.1"} 5\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 5\nh_sum 1\nh_count 5\n',
    ],
    [
      'a histogram without +Inf',
      '# HELP h x\n# TYPE h histogram\nh_bucket{le="0.1"} 1\nh_sum 1\nh_count 1\n',
    ],
  ])('refuses %s', (_what, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });
});
