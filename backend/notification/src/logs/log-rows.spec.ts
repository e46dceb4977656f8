import { levelsFrom, toLogEntry, toLogRows } from './log-rows';
import { ServiceLogEntity } from './service-log.entity';

const record = (over: Record<string, unknown> = {}) => ({
  time: '2026-01-01T10:00:00.000Z',
  level: 'warn',
  service: 'orders',
  instanceId: 'orders-1',
  message: 'Payment slow',
  ...over,
});

describe('toLogRows', () => {
  it('keys every record by the message sequence and its index in the batch', () => {
    const rows = toLogRows(42, [record(), record({ message: 'second', correlationId: 'c-1' })]);
    expect(rows.map((r) => [r.streamSeq, r.idx, r.message, r.correlationId])).toEqual([
      ['42', 0, 'Payment slow', null],
      ['42', 1, 'second', 'c-1'],
    ]);
    expect(rows[0].time.toISOString()).toBe('2026-01-01T10:00:00.000Z');
  });

  it('leaves out what is not a log record, keeping the indexes of the others', () => {
    const rows = toLogRows(7, [
      record({ level: 'loud' }),
      record({ service: 'warehouse' }),
      record({ time: 'yesterday' }),
      null,
      'text',
      record({ message: 42 }),
      record({ service: 'storefront' }),
    ]);
    expect(rows.map((r) => [r.idx, r.service])).toEqual([[6, 'storefront']]);
    expect(toLogRows(8, { not: 'a batch' })).toEqual([]);
  });

  it('cuts very long messages and drops NUL characters', () => {
    const [row] = toLogRows(1, [record({ message: `a\u0000b${'x'.repeat(20_000)}` })]);
    expect(row.message.startsWith('ab')).toBe(true);
    expect(row.message.length).toBe(10_000);
    expect(row.message.endsWith('…')).toBe(true);
  });

  it('keeps data only when it is an object', () => {
    expect(toLogRows(1, [record({ data: { a: 1 } })])[0].data).toEqual({ a: 1 });
    expect(toLogRows(1, [record({ data: [1] })])[0].data).toBeNull();
  });
});

describe('toLogEntry', () => {
  it('gives the entry id <seq>-<index> and omits empty optional fields', () => {
    const [row] = toLogRows(9, [null, record({ context: 'Queue' })]);
    expect(toLogEntry(row as ServiceLogEntity)).toEqual({
      id: '9-1',
      seq: 9,
      time: '2026-01-01T10:00:00.000Z',
      level: 'warn',
      service: 'orders',
      instanceId: 'orders-1',
      message: 'Payment slow',
      context: 'Queue',
    });
  });
});

describe('levelsFrom', () => {
  it('treats the level as a minimum', () => {
    expect(levelsFrom('warn')).toEqual(['warn', 'error']);
    expect(levelsFrom(undefined)).toEqual(['debug', 'info', 'warn', 'error']);
  });
});
