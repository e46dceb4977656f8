import { Prng } from '../prng';
import { Caller, classify } from './caller';
import { Recorder } from './recorder';

function answer(status: number, headers: Record<string, string> = {}, error?: unknown) {
  return {
    data: status < 400 ? { ok: true } : undefined,
    error,
    response: new Response(null, { status, headers }),
  };
}

describe('Caller', () => {
  it('classifies answers: a 503 is "retry later" only with Retry-After', () => {
    expect(classify(201, undefined)).toBe('ok');
    expect(classify(409, undefined)).toBe('client-error');
    expect(classify(503, '1')).toBe('retry-later');
    expect(classify(503, undefined)).toBe('server-error');
    expect(classify(500, '1')).toBe('server-error');
  });

  it('retries an idempotent request after 503 + Retry-After and a network error, recording every exchange', async () => {
    const recorder = new Recorder(Date.now());
    const answers = [
      () => Promise.resolve(answer(503, { 'retry-after': '0' }, { code: 'UNAVAILABLE', message: 'down' })),
      () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } })),
      () => Promise.resolve(answer(200)),
    ];
    let i = 0;
    const r = await new Caller(recorder, new Prng('t')).call('x', { idempotent: true, timeoutMs: 1000 }, () =>
      answers[i++](),
    );
    expect(r).toMatchObject({ ok: true, status: 200, attempts: 3, kind: 'ok' });
    expect(recorder.exchanges.map((e) => e.kind)).toEqual(['retry-later', 'network', 'ok']);
    expect(recorder.exchanges[0]).toMatchObject({ code: 'UNAVAILABLE', message: 'down', retryAfter: '0' });
    expect(recorder.exchanges[1].message).toBe('ECONNRESET');
    expect(recorder.requests).toHaveLength(1);
  });

  it('never repeats a request that is not idempotent, and never repeats a 4xx', async () => {
    const recorder = new Recorder(Date.now());
    const caller = new Caller(recorder, new Prng('t'));
    let calls = 0;
    const once = await caller.call('add', { idempotent: false, timeoutMs: 1000 }, () => {
      calls++;
      return Promise.resolve(answer(503, { 'retry-after': '0' }));
    });
    expect(once).toMatchObject({ ok: false, attempts: 1, kind: 'retry-later' });
    const refused = await caller.call('read', { idempotent: true, timeoutMs: 1000 }, () => {
      calls++;
      return Promise.resolve(answer(404, {}, { code: 'NOT_FOUND', message: 'no' }));
    });
    expect(refused).toMatchObject({ ok: false, attempts: 1, status: 404, error: { code: 'NOT_FOUND' } });
    expect(calls).toBe(2);
  });
});
