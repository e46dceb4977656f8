import { InvariantResult } from '../checks/invariants';
import { AuditSnapshot } from '../checks/snapshot';
import { InjectedFault } from '../faults/fault-runner';
import { ReportInput, buildReport, duringFault, groupOf, reasonClass, renderMarkdown } from './report';

const fault = (atMs: number, endMs: number, outcome: InjectedFault['outcome'] = 'done'): InjectedFault => ({
  kind: 'kill',
  description: 'SIGKILL cart-1',
  plannedAtMs: atMs,
  atMs,
  endMs,
  outcome,
  note: 'pid 1 killed',
});

const emptySnapshot: AuditSnapshot = {
  at: 0,
  orders: [],
  payments: [],
  deductions: [],
  stock: {},
  holds: [],
  cartLines: [],
  outbox: [],
  processed: [],
  stream: [],
  consumers: [],
  mails: [],
};

function input(over: Partial<ReportInput> = {}): ReportInput {
  return {
    run: {
      id: 'r1',
      seed: '18',
      startedAt: '2026-01-01T00:00:00.000Z',
      durationS: 10,
      faultKinds: ['kill'],
      shoppers: 2,
      thinkMs: 100,
      instancesPerService: 2,
      replay: 'npm run chaos -- --seed 18',
      cores: 2,
      loadAverage: { start: [1, 1, 1], end: [2, 2, 2] },
    },
    loadMs: 10_000,
    requests: [
      { op: 'catalogue.browse', atMs: 1000, latencyMs: 10, attempts: 1, kind: 'ok', status: 200 },
      { op: 'catalogue.browse', atMs: 5000, latencyMs: 900, attempts: 2, kind: 'ok', status: 200 },
      {
        op: 'order.cart',
        atMs: 2000,
        latencyMs: 50,
        attempts: 1,
        kind: 'client-error',
        status: 402,
        code: 'PAYMENT_DECLINED',
      },
    ],
    exchanges: [
      {
        op: 'catalogue.browse',
        atMs: 5000,
        latencyMs: 400,
        kind: 'retry-later',
        status: 503,
        code: 'UNAVAILABLE',
        retryAfter: '1',
      },
      { op: 'catalogue.browse', atMs: 5500, latencyMs: 3, kind: 'network', message: 'ECONNRESET' },
    ],
    orders: [],
    restocks: [],
    faults: [fault(4000, 6000), fault(8000, 8000, 'skipped')],
    plannedFaults: 2,
    invariants: [],
    snapshot: emptySnapshot,
    sagaSettleMs: 200,
    drainMs: 1500,
    instanceExits: 1,
    orphanProcesses: [],
    runErrors: [],
    ...over,
  };
}

describe('report', () => {
  it('groups operations and tells fault windows apart', () => {
    expect(groupOf('catalogue.search')).toBe('reads');
    expect(groupOf('cart.view')).toBe('reads');
    expect(groupOf('cart.add')).toBe('cart writes');
    expect(groupOf('order.items')).toBe('checkouts');
    expect(groupOf('admin.config')).toBe('accounts and admin');
    expect(duringFault(5000, [fault(4000, 6000)])).toBe(true);
    expect(duringFault(7000, [fault(4000, 6000)])).toBe(false);
    expect(duringFault(5000, [fault(4000, 6000, 'skipped')])).toBe(false);
  });

  it('splits latency into calm and faults, counts client errors by kind, and fails on a skipped fault', () => {
    const r = buildReport(input());
    expect(r.latency.reads.calm.count).toBe(1);
    expect(r.latency.reads.faults.count).toBe(1);
    expect(r.latency.reads.faults.p99).toBe(900);
    expect(r.clientErrors).toEqual({ '503 + Retry-After UNAVAILABLE': 1, 'network (ECONNRESET)': 1 });
    expect(r.verdict).toBe('FAIL');
    expect(r.reasons).toEqual(['1 of 2 planned faults could not be injected']);
    expect(r.load.requestsPerSecond).toBe(0.3);
  });

  it('passes with every invariant holding and fails on any violation', () => {
    const ok: InvariantResult = { id: 'a', title: 'A', checkedWhat: 'things', checked: 3, violations: [] };
    const bad: InvariantResult = { ...ok, id: 'b', violations: ['x broke'] };
    expect(buildReport(input({ faults: [fault(1, 2)], plannedFaults: 1, invariants: [ok] })).verdict).toBe(
      'PASS',
    );
    const failed = buildReport(input({ faults: [fault(1, 2)], plannedFaults: 1, invariants: [ok, bad] }));
    expect(failed.verdict).toBe('FAIL');
    expect(failed.reasons).toEqual(['b: 1 violation(s)']);
    const md = renderMarkdown(failed);
    expect(md).toContain('# Chaos run r1: FAIL');
    expect(md).toContain('### b');
    expect(md).toContain('- x broke');
    expect(md).toContain('Replay: `npm run chaos -- --seed 18`');
  });

  it('lists the mails the sink received more than once', () => {
    const snapshot = { ...emptySnapshot, mails: [{ subject: 'A' }, { subject: 'B' }, { subject: 'A' }] };
    const r = buildReport(input({ snapshot }));
    expect(r.observations.duplicateMails).toEqual({ A: 2 });
    expect(renderMarkdown(r)).toContain('"A" 2 times');
  });

  it('groups failure reasons without ids and figures', () => {
    expect(reasonClass('Out of stock: product 0f8b3a34-7b1e-4a6c-9a7e-5b0c4d2e1f00 has 3 available')).toBe(
      'Out of stock: product <id> has N available',
    );
  });
});
