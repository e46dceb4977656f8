import { LogEntry } from '@shop/contracts';
import { logMatcher, toEntries } from './log-filter';

const entry = (over: Partial<LogEntry>): LogEntry => ({
  id: '1-0',
  seq: 1,
  time: '2026-01-01T00:00:00.000Z',
  level: 'info',
  service: 'orders',
  instanceId: 'orders-1',
  message: 'Order placed',
  ...over,
});

describe('logMatcher', () => {
  it('treats level as a minimum', () => {
    const warnAndUp = logMatcher({ level: 'warn' });
    expect(
      ['debug', 'info', 'warn', 'error'].map((level) =>
        warnAndUp(entry({ level: level as LogEntry['level'] })),
      ),
    ).toEqual([false, false, true, true]);
  });

  it('requires every given filter to match', () => {
    const match = logMatcher({ service: 'orders', instanceId: 'orders-2', correlationId: 'abc' });
    expect(match(entry({ instanceId: 'orders-2', correlationId: 'abc' }))).toBe(true);
    expect(match(entry({ instanceId: 'orders-1', correlationId: 'abc' }))).toBe(false);
    expect(match(entry({ instanceId: 'orders-2', correlationId: 'abd' }))).toBe(false);
    expect(match(entry({ instanceId: 'orders-2', correlationId: 'abc', service: 'cart' }))).toBe(false);
  });

  it('searches the text case-insensitively in message, context and data', () => {
    const match = logMatcher({ q: 'SKU-42' });
    expect(match(entry({ message: 'reserved sku-42' }))).toBe(true);
    expect(match(entry({ data: { productId: 'sku-42' } }))).toBe(true);
    expect(match(entry({ context: 'Sku-42Worker' }))).toBe(true);
    expect(match(entry({ message: 'nothing here' }))).toBe(false);
  });
});

describe('toEntries', () => {
  it('gives every record of a batch an id from the message sequence and its index', () => {
    const entries = toEntries(7, [
      { message: 'a', level: 'info' },
      { message: 'b', level: 'warn' },
    ]);
    expect(entries.map((e) => [e.id, e.seq, e.message])).toEqual([
      ['7-0', 7, 'a'],
      ['7-1', 7, 'b'],
    ]);
    expect(toEntries(8, { not: 'a batch' })).toEqual([]);
  });
});
