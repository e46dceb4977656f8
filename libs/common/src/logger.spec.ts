import { AppLogger, LogRecord } from './logger';

function shippedLevels(level: string): string[] {
  const logger = new AppLogger('orders', 'orders-1', level);
  const shipped: LogRecord[] = [];
  logger.addSink((record) => shipped.push(record));
  for (const l of ['debug', 'info', 'warn', 'error'] as const) logger.write(l, `a ${l} line`);
  return shipped.map((r) => r.level);
}

describe('AppLogger sinks', () => {
  it('ship info and above, whatever the printed level', () => {
    expect(shippedLevels('info')).toEqual(['info', 'warn', 'error']);
    expect(shippedLevels('silent')).toEqual(['info', 'warn', 'error']);
  });

  it('ship debug records too when the instance logs at debug', () => {
    expect(shippedLevels('debug')).toEqual(['debug', 'info', 'warn', 'error']);
  });

  it('count a level as enabled when it is printed or shipped', () => {
    const logger = new AppLogger('orders', 'orders-1', 'silent');
    expect([logger.enabled('debug'), logger.enabled('info')]).toEqual([false, false]);
    logger.addSink(() => undefined);
    expect([logger.enabled('debug'), logger.enabled('info')]).toEqual([false, true]);
  });
});
