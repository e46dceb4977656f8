import { toClientRecords } from './client-log-publisher';

describe('toClientRecords', () => {
  const now = new Date('2026-01-01T12:00:00.000Z');

  it("makes one log record of each reported error, in the app's name, with the origin in its data", () => {
    const records = toClientRecords(
      {
        app: 'storefront',
        records: [
          { level: 'error', message: 'TypeError: x is undefined', stack: 'at a.ts:1', url: '/cart' },
          { level: 'warn', message: 'slow', time: '2026-01-01T11:59:00.000Z', correlationId: 'c-1' },
        ],
      },
      { clientAddress: '10.0.0.9', userId: 'u-1' },
      now,
    );
    expect(records).toEqual([
      {
        time: '2026-01-01T12:00:00.000Z',
        level: 'error',
        service: 'storefront',
        instanceId: 'storefront',
        message: 'TypeError: x is undefined',
        context: 'Browser',
        data: { stack: 'at a.ts:1', url: '/cart', client: '10.0.0.9', userId: 'u-1' },
      },
      {
        time: '2026-01-01T11:59:00.000Z',
        level: 'warn',
        service: 'storefront',
        instanceId: 'storefront',
        message: 'slow',
        correlationId: 'c-1',
        context: 'Browser',
        data: { client: '10.0.0.9', userId: 'u-1' },
      },
    ]);
  });

  it('redacts credentials in the message and the data', () => {
    const [record] = toClientRecords(
      {
        app: 'admin-ui',
        records: [{ level: 'error', message: 'GET /api/x?access_token=abc failed', url: '/p?token=zzz' }],
      },
      { clientAddress: '::1' },
      now,
    );
    expect(record.message).toBe('GET /api/x?access_token=[redacted] failed');
    expect(record.data).toEqual({ url: '/p?token=[redacted]', client: '::1' });
  });
});
