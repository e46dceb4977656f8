import { TimeoutError } from '@nats-io/transport-node';
import { AppError } from '@shop/common';
import { BreakerState } from '@shop/contracts';
import { InstanceBreakers } from './breakers';

describe('InstanceBreakers', () => {
  const cooldownMs = 50;
  const failTransport = () => Promise.reject(new TimeoutError());
  const run = (b: InstanceBreakers, id: string, fn: () => Promise<unknown>) =>
    b.execute(id, fn).catch(() => 'failed');

  it('opens after 3 consecutive transport failures, probes after the cool-down, closes on success', async () => {
    const breakers = new InstanceBreakers(3, cooldownMs);
    const changes: BreakerState[] = [];
    breakers.onChange((id, state) => id === 'a' && changes.push(state));

    await run(breakers, 'a', failTransport);
    await run(breakers, 'a', failTransport);
    expect(breakers.state('a')).toBe('closed');
    await run(breakers, 'a', failTransport);
    expect(breakers.state('a')).toBe('open');
    expect(breakers.allows('a')).toBe(false);
    // Other instances are unaffected.
    expect(breakers.allows('b')).toBe(true);

    await new Promise((r) => setTimeout(r, cooldownMs + 10));
    expect(breakers.allows('a')).toBe(true);
    await expect(breakers.execute('a', () => Promise.resolve('ok'))).resolves.toBe('ok');
    expect(breakers.state('a')).toBe('closed');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });

  it('reopens when the probe fails', async () => {
    const breakers = new InstanceBreakers(3, cooldownMs);
    for (let i = 0; i < 3; i++) await run(breakers, 'a', failTransport);
    await new Promise((r) => setTimeout(r, cooldownMs + 10));
    await run(breakers, 'a', failTransport);
    expect(breakers.state('a')).toBe('open');
    expect(breakers.allows('a')).toBe(false);
  });

  it('does not count business errors, and a success resets the count', async () => {
    const breakers = new InstanceBreakers(3, cooldownMs);
    for (let i = 0; i < 5; i++)
      await run(breakers, 'a', () => Promise.reject(AppError.notFound('no such product')));
    expect(breakers.state('a')).toBe('closed');
    await run(breakers, 'a', failTransport);
    await run(breakers, 'a', failTransport);
    await run(breakers, 'a', () => Promise.resolve(1));
    await run(breakers, 'a', failTransport);
    await run(breakers, 'a', failTransport);
    expect(breakers.state('a')).toBe('closed');
  });
});
