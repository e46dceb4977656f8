import { SmtpBreaker, SmtpUnavailableError } from './smtp-breaker';

describe('SmtpBreaker', () => {
  let now = 0;
  const changes: string[] = [];
  const breaker = () =>
    new SmtpBreaker(
      (state) => changes.push(state),
      3,
      1000,
      4000,
      () => now,
    );
  const fail = () => Promise.reject(new Error('connect ECONNREFUSED'));
  const ok = () => Promise.resolve('250 OK');

  beforeEach(() => {
    now = 0;
    changes.length = 0;
  });

  it('opens after 3 consecutive failures and fails fast without trying meanwhile', async () => {
    const b = breaker();
    for (let i = 0; i < 3; i++) await expect(b.run(fail)).rejects.toThrow('ECONNREFUSED');
    expect(changes).toEqual(['open']);
    const send = jest.fn(ok);
    await expect(b.run(send)).rejects.toBeInstanceOf(SmtpUnavailableError);
    expect(send).not.toHaveBeenCalled();
  });

  it('probes after the cool-down, doubles it on a failed probe, and closes on success', async () => {
    const b = breaker();
    for (let i = 0; i < 3; i++) await b.run(fail).catch(() => undefined);
    now = 1000;
    await expect(b.run(fail)).rejects.toThrow('ECONNREFUSED');
    now = 2500;
    expect(b.isOpen).toBe(true);
    now = 3000;
    await expect(b.run(ok)).resolves.toBe('250 OK');
    expect(changes).toEqual(['open', 'open', 'closed']);
    expect(b.isOpen).toBe(false);
  });
});
