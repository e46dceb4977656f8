import { InvariantResult } from '../checks/invariants';
import { OrderAttempt } from '../load/ledger';
import { RequestRecord } from '../load/recorder';
import { faultEvents, orderCounts, requestCounts, toChaosInvariant, verdict } from './run-state';

const request = (kind: RequestRecord['kind']): RequestRecord => ({
  op: 'x',
  atMs: 0,
  latencyMs: 1,
  attempts: 1,
  kind,
});
const attempt = (status?: number): OrderAttempt => ({
  userId: 'u',
  key: `k${status}`,
  fromCart: true,
  card: 'approve',
  atMs: 0,
  attempts: 1,
  kind: status === undefined ? 'network' : status < 400 ? 'ok' : 'client-error',
  status,
});

describe('chaos run state', () => {
  it('counts requests by how they ended', () => {
    expect(requestCounts(['ok', 'ok', 'timeout', 'retry-later'].map((k) => request(k as never)))).toEqual({
      ok: 2,
      'client-error': 0,
      'retry-later': 1,
      'server-error': 0,
      network: 0,
      timeout: 1,
    });
  });

  it('counts orders placed (2xx), refused (4xx) and unanswered (5xx or none)', () => {
    expect(
      orderCounts([attempt(201), attempt(200), attempt(409), attempt(402), attempt(503), attempt()]),
    ).toEqual({
      placed: 2,
      refused: 2,
      unanswered: 2,
    });
  });

  it('lists finished and active faults in time order, leaving out restarts of shared servers', () => {
    const events = faultEvents(
      [
        {
          kind: 'kill',
          description: 'SIGKILL orders-2',
          plannedAtMs: 900,
          atMs: 1000,
          endMs: 4000,
          outcome: 'done',
          note: 'back',
        },
        {
          kind: 'nats',
          description: 'NATS down',
          plannedAtMs: 0,
          atMs: 0,
          endMs: 1,
          outcome: 'done',
          note: '',
        },
      ],
      [{ kind: 'latency', description: '+300 ms latency on every cart instance', atMs: 500 }],
    );
    expect(events).toEqual([
      {
        kind: 'latency',
        description: '+300 ms latency on every cart instance',
        atMs: 500,
        outcome: 'active',
        note: '',
      },
      {
        kind: 'kill',
        description: 'SIGKILL orders-2',
        atMs: 1000,
        endMs: 4000,
        outcome: 'done',
        note: 'back',
      },
    ]);
  });

  it('keeps the count of violations and the first few of them', () => {
    const result: InvariantResult = {
      id: 'no-order-lost',
      title: 'No order lost',
      checkedWhat: '2xx order answers',
      checked: 9,
      violations: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
    };
    expect(toChaosInvariant(result)).toEqual({
      id: 'no-order-lost',
      title: 'No order lost',
      checkedWhat: '2xx order answers',
      checked: 9,
      violations: 7,
      examples: ['a', 'b', 'c', 'd', 'e'],
    });
  });

  it('passes only with every invariant holding and no error', () => {
    const ok = toChaosInvariant({ id: 'a', title: 'a', checkedWhat: 'x', checked: 1, violations: [] });
    const bad = toChaosInvariant({ id: 'b', title: 'b', checkedWhat: 'x', checked: 1, violations: ['v'] });
    expect(verdict([ok], [])).toBe('passed');
    expect(verdict([ok, bad], [])).toBe('failed');
    expect(verdict([ok], ['1 injected fault(s) could not be removed'])).toBe('failed');
  });
});
