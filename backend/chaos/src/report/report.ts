import { LatencySummary, summarize } from '../../../bench/lib/stats';
import { InvariantResult } from '../checks/invariants';
import { AuditSnapshot } from '../checks/snapshot';
import { InjectedFault } from '../faults/fault-runner';
import { OrderAttempt, Restock } from '../load/ledger';
import { ExchangeRecord, RequestRecord } from '../load/recorder';

/** Everything a run reports (written as JSON, rendered as Markdown). */
export interface ChaosReport {
  verdict: 'PASS' | 'FAIL';
  /** Why the run failed: violated invariants, and faults that could not be injected. */
  reasons: string[];
  run: {
    id: string;
    seed: string;
    startedAt: string;
    durationS: number;
    faultKinds: string[];
    shoppers: number;
    thinkMs: number;
    instancesPerService: number;
    replay: string;
    cores: number;
    loadAverage: { start: number[]; end: number[] };
  };
  load: {
    requests: number;
    exchanges: number;
    requestsPerSecond: number;
    byOperation: Record<string, { requests: number; ok: number; failed: number }>;
  };
  orders: {
    attempted: number;
    accepted: number;
    refused: Record<string, number>;
    /** Checkouts whose last answer was not definite (network, timeout, 503), with the order's final state. */
    undecided: Record<string, number>;
    inDatabase: number;
    byStatus: Record<string, number>;
    failedByReason: Record<string, number>;
  };
  /** Every HTTP exchange that did not answer 2xx, by kind, status and code. */
  clientErrors: Record<string, number>;
  latency: Record<string, { calm: LatencySummary; faults: LatencySummary }>;
  faults: InjectedFault[];
  faultCounts: Record<string, number>;
  invariants: InvariantResult[];
  observations: {
    restocks: Record<Restock['outcome'], number>;
    /** Time from the load's end until the last client request (its retries included) had ended. */
    drainMs: number;
    /** Time from then until no order was PLACED (or the wait ran out). */
    sagaSettleMs: number;
    /** Mails the SMTP sink received more than once (same subject: the order id and the event), with how often. */
    duplicateMails: Record<string, number>;
    instanceExits: number;
    orphanProcesses: string[];
  };
}

export interface ReportInput {
  run: ChaosReport['run'];
  loadMs: number;
  requests: readonly RequestRecord[];
  exchanges: readonly ExchangeRecord[];
  orders: readonly OrderAttempt[];
  restocks: readonly Restock[];
  faults: readonly InjectedFault[];
  plannedFaults: number;
  invariants: InvariantResult[];
  snapshot: AuditSnapshot;
  sagaSettleMs: number;
  drainMs: number;
  instanceExits: number;
  orphanProcesses: string[];
  /** Problems that make the run itself invalid (e.g. the system did not start). */
  runErrors: string[];
}

/** Which latency group an operation belongs to. */
export function groupOf(op: string): string {
  if (op.startsWith('catalogue.') || op === 'cart.view' || op === 'orders.list' || op === 'orders.get')
    return 'reads';
  if (op.startsWith('cart.')) return 'cart writes';
  if (op.startsWith('order.')) return 'checkouts';
  return 'accounts and admin';
}

/** Whether `atMs` falls inside the window of a fault that happened. */
export function duringFault(atMs: number, faults: readonly InjectedFault[]): boolean {
  return faults.some((f) => f.outcome === 'done' && atMs >= f.atMs && atMs <= f.endMs);
}

export function buildReport(input: ReportInput): ChaosReport {
  const count = (map: Record<string, number>, key: string) => (map[key] = (map[key] ?? 0) + 1);

  const byOperation: ChaosReport['load']['byOperation'] = {};
  for (const r of input.requests) {
    const o = (byOperation[r.op] ??= { requests: 0, ok: 0, failed: 0 });
    o.requests++;
    if (r.kind === 'ok') o.ok++;
    else o.failed++;
  }

  const clientErrors: Record<string, number> = {};
  for (const e of input.exchanges) {
    if (e.kind === 'ok') continue;
    const key =
      e.kind === 'network' || e.kind === 'timeout'
        ? `${e.kind}${e.message ? ` (${e.message})` : ''}`
        : `${e.status}${e.kind === 'retry-later' ? ' + Retry-After' : ''} ${e.code ?? ''}`.trim();
    count(clientErrors, key);
  }

  const latency: ChaosReport['latency'] = {};
  const groups = new Map<string, { calm: number[]; faults: number[] }>();
  for (const r of input.requests) {
    for (const g of ['all', groupOf(r.op)]) {
      const bucket = groups.get(g) ?? { calm: [], faults: [] };
      groups.set(g, bucket);
      (duringFault(r.atMs, input.faults) ? bucket.faults : bucket.calm).push(r.latencyMs);
    }
  }
  for (const [g, b] of groups) latency[g] = { calm: summarize(b.calm), faults: summarize(b.faults) };

  const byKey = new Map(input.snapshot.orders.map((o) => [`${o.userId}|${o.idempotencyKey}`, o]));
  const refused: Record<string, number> = {};
  const undecided: Record<string, number> = {};
  let accepted = 0;
  for (const a of input.orders) {
    if (a.status !== undefined && a.status >= 200 && a.status < 300) accepted++;
    else if (a.status !== undefined && a.status >= 400 && a.status < 500)
      count(refused, `${a.status} ${a.code ?? ''}`.trim());
    else {
      const o = byKey.get(`${a.userId}|${a.key}`);
      count(undecided, `${a.status ?? a.kind} → ${o ? o.status : 'no order'}`);
    }
  }
  const byStatus: Record<string, number> = {};
  const failedByReason: Record<string, number> = {};
  for (const o of input.snapshot.orders) {
    count(byStatus, o.status);
    if (o.status === 'FAILED')
      count(failedByReason, `${o.failureCode ?? '?'}: ${reasonClass(o.failureReason)}`);
  }

  const faultCounts: Record<string, number> = {};
  for (const f of input.faults) if (f.outcome === 'done') count(faultCounts, f.kind);

  const subjects: Record<string, number> = {};
  for (const m of input.snapshot.mails) count(subjects, m.subject);
  const restocks: ChaosReport['observations']['restocks'] = { applied: 0, 'not-applied': 0, unknown: 0 };
  for (const r of input.restocks) restocks[r.outcome]++;

  const reasons = [...input.runErrors];
  for (const inv of input.invariants)
    if (inv.violations.length > 0) reasons.push(`${inv.id}: ${inv.violations.length} violation(s)`);
  const skipped = input.faults.filter((f) => f.outcome === 'skipped').length;
  if (skipped > 0) reasons.push(`${skipped} of ${input.plannedFaults} planned faults could not be injected`);
  if (input.orphanProcesses.length > 0)
    reasons.push(`${input.orphanProcesses.length} process(es) left running`);

  return {
    verdict: reasons.length === 0 ? 'PASS' : 'FAIL',
    reasons,
    run: input.run,
    load: {
      requests: input.requests.length,
      exchanges: input.exchanges.length,
      requestsPerSecond: Math.round((input.requests.length / Math.max(1, input.loadMs)) * 10_000) / 10,
      byOperation,
    },
    orders: {
      attempted: input.orders.length,
      accepted,
      refused,
      undecided,
      inDatabase: input.snapshot.orders.length,
      byStatus,
      failedByReason,
    },
    clientErrors,
    latency,
    faults: [...input.faults].sort((a, b) => a.atMs - b.atMs),
    faultCounts,
    invariants: input.invariants,
    observations: {
      restocks,
      drainMs: input.drainMs,
      sagaSettleMs: input.sagaSettleMs,
      duplicateMails: Object.fromEntries(Object.entries(subjects).filter(([, n]) => n > 1)),
      instanceExits: input.instanceExits,
      orphanProcesses: input.orphanProcesses,
    },
  };
}

/** A failure reason without its variable parts (ids, figures), so equal causes group together. */
export function reasonClass(reason: string | null): string {
  if (!reason) return '(no reason)';
  return reason
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>')
    .replace(/\d+/g, 'N')
    .slice(0, 120);
}

const MAX_DETAILS = 25;

export function renderMarkdown(r: ChaosReport): string {
  const ms = (v: number) => `${Math.round(v)} ms`;
  const s = (v: number) => `${(v / 1000).toFixed(1)} s`;
  const table = (head: string[], rows: (string | number)[][]) =>
    [
      `| ${head.join(' | ')} |`,
      `|${head.map(() => '---').join('|')}|`,
      ...rows.map((row) => `| ${row.join(' | ')} |`),
    ].join('\n');
  const entries = (m: Record<string, number>) =>
    Object.entries(m)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => [k.replace(/\|/g, '\\|'), v]);
  const out: string[] = [];
  out.push(`# Chaos run ${r.run.id}: ${r.verdict}`, '');
  out.push(
    `Seed \`${r.run.seed}\`, ${r.run.durationS} s of load by ${r.run.shoppers} shoppers (think ${r.run.thinkMs} ms), ` +
      `${r.run.instancesPerService} instances of every service, faults: ${r.run.faultKinds.join(', ') || 'none'}. ` +
      `Started ${r.run.startedAt} on ${r.run.cores} cores (load average ${r.run.loadAverage.start.map((l) => l.toFixed(1)).join(' ')} → ${r.run.loadAverage.end.map((l) => l.toFixed(1)).join(' ')}).`,
    '',
    `Replay: \`${r.run.replay}\``,
    '',
  );
  if (r.reasons.length) out.push('**Failed because:**', '', ...r.reasons.map((x) => `- ${x}`), '');
  out.push('## Invariants', '');
  out.push(
    table(
      ['invariant', 'checked', 'violations'],
      r.invariants.map((i) => [
        i.title,
        `${i.checked} ${i.checkedWhat}`,
        i.violations.length === 0 ? '0 ✓' : `**${i.violations.length}**`,
      ]),
    ),
    '',
  );
  for (const i of r.invariants.filter((x) => x.violations.length > 0)) {
    out.push(`### ${i.id}`, '');
    out.push(...i.violations.slice(0, MAX_DETAILS).map((v) => `- ${v}`));
    if (i.violations.length > MAX_DETAILS)
      out.push(`- … ${i.violations.length - MAX_DETAILS} more in the JSON report`);
    out.push('');
  }
  out.push('## Orders', '');
  out.push(
    `${r.orders.attempted} checkouts, ${r.orders.accepted} accepted (2xx); ${r.orders.inDatabase} orders in the database: ` +
      Object.entries(r.orders.byStatus)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ') +
      '.',
    '',
  );
  if (Object.keys(r.orders.refused).length)
    out.push(table(['refused (4xx)', 'checkouts'], entries(r.orders.refused)), '');
  if (Object.keys(r.orders.undecided).length)
    out.push(
      table(['last answer not definite → order in the database', 'checkouts'], entries(r.orders.undecided)),
      '',
    );
  if (Object.keys(r.orders.failedByReason).length)
    out.push(table(['failed orders by reason', 'orders'], entries(r.orders.failedByReason)), '');
  out.push('## Requests', '');
  out.push(
    `${r.load.requests} requests (${r.load.requestsPerSecond}/s), ${r.load.exchanges} HTTP exchanges with retries.`,
    '',
  );
  out.push(
    table(
      ['operation', 'requests', 'ok', 'failed'],
      Object.entries(r.load.byOperation)
        .sort()
        .map(([op, o]) => [op, o.requests, o.ok, o.failed]),
    ),
    '',
  );
  out.push(table(['client-visible error (per exchange)', 'count'], entries(r.clientErrors)), '');
  out.push('## Latency (per request, retries included)', '');
  out.push(
    table(
      ['group', 'calm: n', 'p50', 'p99', 'during faults: n', 'p50', 'p99'],
      Object.entries(r.latency).map(([g, l]) => [
        g,
        l.calm.count,
        ms(l.calm.p50),
        ms(l.calm.p99),
        l.faults.count,
        ms(l.faults.p50),
        ms(l.faults.p99),
      ]),
    ),
    '',
  );
  out.push('## Faults', '');
  out.push(
    Object.entries(r.faultCounts)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ') || 'none',
    '',
  );
  out.push(
    table(
      ['at', 'fault', 'until', 'outcome'],
      r.faults.map((f) => [s(f.atMs), f.description, s(f.endMs), `${f.outcome}: ${f.note}`]),
    ),
    '',
  );
  const o = r.observations;
  out.push('## Observations', '');
  out.push(
    `- restocks: ${o.restocks.applied} applied, ${o.restocks['not-applied']} not applied, ${o.restocks.unknown} of unknown outcome`,
    `- the last client request (retries included) ended ${s(o.drainMs)} after the load's time was up`,
    `- every saga terminal ${o.sagaSettleMs > 30_000 ? 'NOT within 30 s' : s(o.sagaSettleMs)} after that`,
    `- instance exits seen by the supervisor: ${o.instanceExits}`,
    `- mails received more than once by the SMTP sink: ${
      Object.entries(o.duplicateMails)
        .map(([subject, n]) => `"${subject}" ${n} times`)
        .join(', ') || 'none'
    }`,
    `- processes left running after the run: ${o.orphanProcesses.length ? o.orphanProcesses.join(', ') : 'none'}`,
    '',
  );
  return out.join('\n');
}
