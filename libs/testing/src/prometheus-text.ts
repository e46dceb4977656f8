import parsePrometheusTextFormat, { ParsedFamily } from 'parse-prometheus-text-format';

export type MetricFamily = ParsedFamily;

/** A sample value of the text format: a float, `+Inf`, `-Inf` or `NaN`. */
function isSampleValue(value: string | undefined): boolean {
  if (value === undefined || value.trim() === '') return false;
  // Prometheus reads values with Go's ParseFloat: infinities and NaN in any letter case (prom-client writes
  // "Nan" for a gauge with no samples yet, such as the event-loop lag right after start).
  if (/^[+-]?(inf|infinity|nan)$/i.test(value)) return true;
  return Number.isFinite(Number(value));
}

/**
 * Parses a Prometheus text exposition with a parser library and checks what that lenient parser lets through:
 * every sample belongs to a family declared with `# TYPE` (a malformed line becomes an untyped family of its
 * own), every family has a help text, every value is a number, and histogram buckets include `+Inf` and never
 * decrease. Throws an error naming the first problem.
 */
export function parsePrometheusText(text: string): MetricFamily[] {
  const families = parsePrometheusTextFormat(text);
  if (families.length === 0) throw new Error('No metric families in the text');
  for (const family of families) {
    const where = `metric family "${family.name}"`;
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(family.name)) throw new Error(`Invalid name of ${where}`);
    if (family.type === 'UNTYPED') throw new Error(`${where} has no # TYPE line (or a malformed sample)`);
    if (!family.help) throw new Error(`${where} has no # HELP text`);
    for (const sample of family.metrics) {
      if (family.type === 'HISTOGRAM') {
        const buckets = Object.entries(sample.buckets ?? {});
        if (!buckets.some(([le]) => le === '+Inf')) throw new Error(`${where} has no +Inf bucket`);
        const counts = buckets
          .map(([le, count]) => {
            if (!isSampleValue(le) || !isSampleValue(count))
              throw new Error(`${where}: bucket ${le}=${count}`);
            return [Number(le === '+Inf' ? Infinity : le), Number(count)] as const;
          })
          .sort((a, b) => a[0] - b[0]);
        counts.forEach(([, count], i) => {
          if (i > 0 && count < counts[i - 1][1]) throw new Error(`${where}: bucket counts decrease`);
        });
      } else if (family.type === 'SUMMARY') {
        for (const [q, v] of Object.entries(sample.quantiles ?? {}))
          if (!isSampleValue(q) || !isSampleValue(v)) throw new Error(`${where}: quantile ${q}=${v}`);
      } else if (!isSampleValue(sample.value)) {
        throw new Error(`${where}: value "${sample.value}" is not a number`);
      }
    }
  }
  return families;
}

/** The value of the sample of `family` whose labels include `labels` (undefined when there is none). */
export function sampleValue(
  families: readonly MetricFamily[],
  family: string,
  labels: Record<string, string> = {},
): number | undefined {
  const sample = families
    .find((f) => f.name === family)
    ?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return sample?.value === undefined ? undefined : Number(sample.value);
}
