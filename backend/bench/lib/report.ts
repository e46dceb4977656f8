import { LoadResult } from './load';
import { formatTable } from './table';

/** A headline figure with its target, if the issue sets one. */
export interface Figure {
  scenario: string;
  name: string;
  value: number | null;
  unit: string;
  target?: { op: '>=' | '<='; value: number };
  /** Computed from value and target; null when there is no target or no value. */
  met: boolean | null;
  note?: string;
}

export interface MemoryRow {
  instanceId: string;
  service: string;
  pid: number;
  phase: string;
  rssMb: number | null;
}

/** Everything one run measured, printed as tables and saved as JSON. */
export class Report {
  readonly loads: (LoadResult & { scenario: string; note?: string })[] = [];
  readonly figures: Figure[] = [];
  readonly memory: MemoryRow[] = [];
  readonly skipped: { scenario: string; reason: string }[] = [];
  readonly notes: { scenario: string; text: string }[] = [];
  readonly extra: Record<string, unknown> = {};

  load(scenario: string, result: LoadResult, note?: string): LoadResult {
    this.loads.push({ scenario, ...result, note });
    console.log(
      `  ${result.label}: ${result.rps} ok/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms` +
        (result.failed ? `, ${result.failed} failed ${JSON.stringify(result.failures)}` : ''),
    );
    return result;
  }

  figure(f: Omit<Figure, 'met'>): void {
    const met =
      f.target && f.value !== null
        ? f.target.op === '>='
          ? f.value >= f.target.value
          : f.value <= f.target.value
        : null;
    this.figures.push({ ...f, met });
  }

  skip(scenario: string, reason: string): void {
    this.skipped.push({ scenario, reason });
    console.log(`  SKIPPED ${scenario}: ${reason}`);
  }

  note(scenario: string, text: string): void {
    this.notes.push({ scenario, text });
  }

  print(): string {
    const out: string[] = [];
    if (this.loads.length > 0) {
      out.push(
        'Load runs (latency of successful requests; ok/s = successful requests per second)',
        formatTable(
          [
            'scenario',
            'measurement',
            'conns',
            'secs',
            'ok/s',
            'p50 ms',
            'p90 ms',
            'p99 ms',
            'max ms',
            'failed',
          ],
          this.loads.map((l) => [
            l.scenario,
            l.label,
            l.connections,
            l.durationS,
            l.rps,
            l.latency.p50,
            l.latency.p90,
            l.latency.p99,
            l.latency.max,
            l.failed,
            l.cpuMsPerRequest
              ? Object.entries(l.cpuMsPerRequest)
                  .map(([name, ms]) => `${name} ${ms ?? '?'}`)
                  .join(', ')
              : '',
          ]),
        ),
        '',
      );
    }
    if (this.memory.length > 0) {
      out.push(
        'Resident memory (VmRSS from /proc/<pid>/status)',
        formatTable(
          ['instance', 'service', 'pid', 'phase', 'RSS MB', '<= 120 MB'],
          this.memory.map((m) => [
            m.instanceId,
            m.service,
            m.pid,
            m.phase,
            m.rssMb,
            m.phase.startsWith('idle') && m.rssMb !== null ? (m.rssMb <= 120 ? 'yes' : 'NO') : '',
          ]),
        ),
        '',
      );
    }
    if (this.figures.length > 0) {
      out.push(
        'Figures and targets',
        formatTable(
          ['scenario', 'figure', 'value', 'unit', 'target', 'met', 'note'],
          this.figures.map((f) => [
            f.scenario,
            f.name,
            f.value,
            f.unit,
            f.target ? `${f.target.op} ${f.target.value}` : '',
            f.met === null ? '' : f.met ? 'yes' : 'NO',
            f.note ?? '',
          ]),
        ),
        '',
      );
    }
    for (const s of this.skipped) out.push(`SKIPPED ${s.scenario}: ${s.reason}`);
    for (const n of this.notes) out.push(`note (${n.scenario}): ${n.text}`);
    return out.join('\n');
  }

  toJSON(): object {
    return {
      figures: this.figures,
      loads: this.loads,
      memory: this.memory,
      skipped: this.skipped,
      notes: this.notes,
      ...this.extra,
    };
  }
}
