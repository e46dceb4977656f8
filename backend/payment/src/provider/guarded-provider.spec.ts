import { GuardedProvider } from './guarded-provider';
import { PaymentProvider, ProviderOutcome } from './payment-provider';

const charge = { reference: 'order-1', amountMinor: 100, currency: 'USD', cardNumber: '4242424242424242' };

function providerAnswering(answer: () => Promise<ProviderOutcome>): PaymentProvider {
  return { name: 'test', authorize: answer, void: () => Promise.resolve() };
}

describe('GuardedProvider', () => {
  it('counts an answer that does not come in time as a failure', async () => {
    const slow = providerAnswering(() => new Promise(() => undefined));
    const guard = new GuardedProvider(slow, { threshold: 3, cooldownMs: 1000, timeoutMs: 20 });
    await expect(guard.authorize(charge)).resolves.toMatchObject({
      approved: false,
      unavailable: true,
      reason: 'Payment provider failed: no answer within 20 ms',
    });
    expect(guard.consecutiveFailures).toBe(1);
  });

  it('opens after the threshold, then fails fast without calling the provider', async () => {
    const states: string[] = [];
    const failing = providerAnswering(() => Promise.reject(new Error('down')));
    const guard = new GuardedProvider(failing, { threshold: 2, cooldownMs: 60_000, timeoutMs: 1000 }, (s) =>
      states.push(s),
    );
    await guard.authorize(charge);
    await guard.authorize(charge);
    expect(guard.state).toBe('open');
    const fast = await guard.authorize(charge);
    expect(fast).toMatchObject({ unavailable: true, retryAfterSeconds: 60 });
    expect(guard.calls).toBe(2);
    expect(states).toEqual(['open']);
  });

  it('passes declines through without counting them', async () => {
    const declining = providerAnswering(() =>
      Promise.resolve({ approved: false, reason: 'declined', declineCode: 'card_declined' }),
    );
    const guard = new GuardedProvider(declining, { threshold: 1, cooldownMs: 1000, timeoutMs: 1000 });
    await expect(guard.authorize(charge)).resolves.toMatchObject({
      approved: false,
      declineCode: 'card_declined',
    });
    expect(guard.state).toBe('closed');
  });

  it('reports half-open once the cool-down has passed, before the probe; a failed probe opens it again', async () => {
    let fail = true;
    const flaky = providerAnswering(() =>
      fail ? Promise.reject(new Error('down')) : Promise.resolve({ approved: true, providerRef: 'r' }),
    );
    const guard = new GuardedProvider(flaky, { threshold: 1, cooldownMs: 30, timeoutMs: 1000 });
    await guard.authorize(charge);
    expect(guard.state).toBe('open');
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(guard.state).toBe('half-open');
    await guard.authorize(charge);
    expect(guard.state).toBe('open');
    await new Promise((resolve) => setTimeout(resolve, 40));
    fail = false;
    await expect(guard.authorize(charge)).resolves.toMatchObject({ approved: true });
    expect(guard.state).toBe('closed');
  });
});
