import { BrokenCircuitError } from 'cockatiel';
import { smtpBreaker } from './smtp-breaker';

const fail = () => Promise.reject(new Error('connect ECONNREFUSED'));
const ok = () => Promise.resolve('250 OK');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('smtpBreaker', () => {
  it('opens after 3 consecutive failures, fails fast meanwhile, and closes after a good probe', async () => {
    const changes: string[] = [];
    const breaker = smtpBreaker({ threshold: 3, cooldownMs: 50, maxCooldownMs: 1000 }, (s) =>
      changes.push(s),
    );
    for (let i = 0; i < 3; i++) await expect(breaker.execute(fail)).rejects.toThrow('ECONNREFUSED');
    expect(changes).toEqual(['open']);
    const send = jest.fn(ok);
    await expect(breaker.execute(send)).rejects.toBeInstanceOf(BrokenCircuitError);
    expect(send).not.toHaveBeenCalled();
    await sleep(80);
    await expect(breaker.execute(ok)).resolves.toBe('250 OK');
    expect(changes).toEqual(['open', 'closed']);
  });
});
