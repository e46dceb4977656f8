import { LineSplitter, formatLine } from './log-printer';

const plain = { color: false, raw: false, idWidth: 12 };

describe('formatLine', () => {
  it('prints a pino record as time, instance, level, context, message and a short correlation id', () => {
    const line = JSON.stringify({
      level: 40,
      time: '2026-01-02T03:04:05.678Z',
      service: 'inventory',
      instanceId: 'inventory-2',
      correlationId: '1a2b3c4d-5e6f',
      context: 'Cache',
      msg: 'evicted',
      entries: 3,
    });
    expect(formatLine('inventory-2', line, plain)).toBe(
      '03:04:05.678 inventory-2  WARN  [Cache] evicted entries=3 cid=1a2b3c4d',
    );
  });

  it('prints a stack on indented lines below the record', () => {
    const line = JSON.stringify({ level: 50, time: 0, msg: 'boom', stack: 'Error: boom\n  at x' });
    expect(formatLine('auth-1', line, plain)?.split('\n')).toEqual([
      '00:00:00.000 auth-1       ERROR boom',
      '    Error: boom',
      '      at x',
    ]);
  });

  it('passes lines that are not JSON through behind the instance id', () => {
    expect(formatLine('cart-1', 'plain text {', plain)).toBe('cart-1       plain text {');
    expect(formatLine('cart-1', '{"level":30}', { ...plain, raw: true })).toBe('cart-1       {"level":30}');
  });
});

describe('formatLine start-up chatter', () => {
  it("hides Nest's module and route lines unless verbose", () => {
    const line = JSON.stringify({
      level: 30,
      time: 0,
      context: 'RouterExplorer',
      msg: 'Mapped {/x, GET} route',
    });
    expect(formatLine('cart-1', line, plain)).toBeUndefined();
    expect(formatLine('cart-1', line, { ...plain, verbose: true })).toContain('Mapped');
  });
});

describe('LineSplitter', () => {
  it('joins chunks into whole lines and flushes the rest at the end', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((l) => lines.push(l));
    splitter.push('a\nb');
    splitter.push('c\n\nd');
    expect(lines).toEqual(['a', 'bc']);
    splitter.end();
    expect(lines).toEqual(['a', 'bc', 'd']);
  });
});
