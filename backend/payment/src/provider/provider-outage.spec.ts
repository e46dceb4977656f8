import { PaymentOutage } from '@shop/contracts';
import { GuardedProvider } from './guarded-provider';
import { PaymentProvider } from './payment-provider';
import { OutageSwitchProvider } from './provider-outage';

const charge = { reference: 'order-1', amountMinor: 100, currency: 'USD', cardNumber: '4242424242424242' };

describe('OutageSwitchProvider', () => {
  let outage: PaymentOutage;
  let calls: number;
  const inner: PaymentProvider = {
    name: 'simulated',
    authorize: () => {
      calls++;
      return Promise.resolve({ approved: true, providerRef: 'ref-1' });
    },
    void: () => Promise.resolve(),
  };
  const guard = () =>
    new GuardedProvider(new OutageSwitchProvider(inner, () => outage), {
      threshold: 2,
      cooldownMs: 60_000,
      timeoutMs: 30,
    });
  beforeEach(() => {
    outage = 'none';
    calls = 0;
  });

  it('passes authorizations through while there is no outage', async () => {
    await expect(guard().authorize(charge)).resolves.toEqual({ approved: true, providerRef: 'ref-1' });
    expect(calls).toBe(1);
  });

  it('fails every authorization at once on "fail", which opens the breaker', async () => {
    outage = 'fail';
    const g = guard();
    await expect(g.authorize(charge)).resolves.toMatchObject({
      unavailable: true,
      reason: expect.stringMatching(/outage switch: fail/),
    });
    await g.authorize(charge);
    expect(g.state).toBe('open');
    expect(calls).toBe(0);
  });

  it('leaves every authorization unanswered on "timeout", until the guard gives up', async () => {
    outage = 'timeout';
    const g = guard();
    await expect(g.authorize(charge)).resolves.toMatchObject({
      unavailable: true,
      reason: 'Payment provider failed: no answer within 30 ms',
    });
    expect(calls).toBe(0);
    outage = 'none';
    await expect(g.authorize(charge)).resolves.toMatchObject({ approved: true });
  });
});
