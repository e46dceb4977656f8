import { LoadResult } from './load';
import { Table, formatTable } from './table';

/** The resident memory an idle instance should stay under. */
export const IDLE_RSS_BUDGET_MB = 120;

/** A headline figure, with its target when it has one. */
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
  /** The scenario that read it. */
  scenario: string;
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

  /**
   * The report's tables: every load run, the memory readings and the figures, of one scenario when `scenario`
   * is given (a scenario's sub-parts, such as `checkout/vip-wait`, count as that scenario).
   */
  tables(scenario?: string): Table[] {
    const of = <T extends { scenario: string }>(rows: T[]) =>
      scenario === undefined ? rows : rows.filter((r) => belongsTo(r.scenario, scenario));
    const loads = of(this.loads);
    const memory = of(this.memory);
    const figures = of(this.figures);
    const tables: Table[] = [];
    if (loads.length > 0)
      tables.push({
        caption: 'Load runs (latency of successful requests; ok/s = successful requests per second)',
        headers: [
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
          'CPU ms per request',
        ],
        rows: loads.map((l) => [
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
      });
    if (memory.length > 0)
      tables.push({
        caption: 'Resident memory (VmRSS from /proc/<pid>/status)',
        headers: ['instance', 'service', 'pid', 'phase', 'RSS MB', `<= ${IDLE_RSS_BUDGET_MB} MB`],
        rows: memory.map((m) => [
          m.instanceId,
          m.service,
          m.pid,
          m.phase,
          m.rssMb,
          m.phase.startsWith('idle') && m.rssMb !== null
            ? m.rssMb <= IDLE_RSS_BUDGET_MB
              ? 'yes'
              : 'NO'
            : '',
        ]),
      });
    if (figures.length > 0)
      tables.push({
        caption: 'Figures and targets',
        headers: ['scenario', 'figure', 'value', 'unit', 'target', 'met', 'note'],
        rows: figures.map((f) => [
          f.scenario,
          f.name,
          f.value,
          f.unit,
          f.target ? `${f.target.op} ${f.target.value}` : '',
          f.met === null ? '' : f.met ? 'yes' : 'NO',
          f.note ?? '',
        ]),
      });
    return tables;
  }

  /** What was skipped and the notes, of one scenario when `scenario` is given. */
  remarks(scenario?: string): string[] {
    const mine = (name: string) => scenario === undefined || belongsTo(name, scenario);
    return [
      ...this.skipped.filter((s) => mine(s.scenario)).map((s) => `SKIPPED ${s.scenario}: ${s.reason}`),
      ...this.notes.filter((n) => mine(n.scenario)).map((n) => `note (${n.scenario}): ${n.text}`),
    ];
  }

  /** Every table and remark as plain text, for the terminal. */
  print(): string {
    const out: string[] = [];
    for (const t of this.tables()) out.push(t.caption, formatTable(t.headers, t.rows), '');
    out.push(...this.remarks());
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

/** Whether a record named `name` (a scenario, or `scenario/part`) belongs to `scenario`. */
function belongsTo(name: string, scenario: string): boolean {
  return name === scenario || name.startsWith(`${scenario}/`);
}
