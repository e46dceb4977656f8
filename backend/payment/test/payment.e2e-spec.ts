import { randomUUID } from 'node:crypto';
import { AuthorizePaymentRequest, PaymentDto, PaymentProviderStatus, PaymentRpc } from '@shop/contracts';
import { createContext } from '@shop/common';
import { TestCluster, waitFor } from '@shop/testing';

jest.setTimeout(120_000);

const CARDS = {
  approve: '4242424242424242',
  decline: '4000000000000002',
  providerError: '4000000000000119',
};

/** One real payment process: idempotent charges, voids with tombstones, and the provider's circuit breaker. */
describe('payment service (real process)', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await TestCluster.start({
      database: true,
      env: { LOG_LEVEL: 'warn', PAYMENT_BREAKER_COOLDOWN_MS: '1500', SIM_PROVIDER_SLOW_MS: '300' },
    });
    await cluster.startInstance({
      service: 'payment',
      script: 'backend/payment/src/main.js',
      readyTimeoutMs: 90_000,
    });
  }, 240_000);

  afterAll(async () => {
    await cluster?.teardown();
  });

  const ctx = () => createContext({ deadline: Date.now() + 10_000 });
  const authorize = (req: Partial<AuthorizePaymentRequest>): Promise<PaymentDto> =>
    cluster.observer.client.call(
      PaymentRpc.authorize,
      { orderId: randomUUID(), amountMinor: 1000, currency: 'USD', cardNumber: CARDS.approve, ...req },
      ctx(),
    );
  const status = (): Promise<PaymentProviderStatus> =>
    cluster.observer.client.call(PaymentRpc.providerStatus, {}, ctx());

  it('charges once per order, however often or concurrently it is asked', async () => {
    const orderId = randomUUID();
    const before = (await status()).providerCalls;
    const answers = await Promise.all(
      [1, 2, 3].map(() => authorize({ orderId, cardNumber: '4000000000000077' })),
    );
    expect(new Set(answers.map((a) => a.id)).size).toBe(1);
    expect(answers.every((a) => a.status === 'AUTHORIZED')).toBe(true);
    expect((await authorize({ orderId })).id).toBe(answers[0].id);
    expect((await status()).providerCalls).toBe(before + 1);
    expect(answers[0]).toMatchObject({ provider: 'simulated', cardLast4: '0077', amountMinor: 1000 });
  });

  it('answers a decline as a result, and voids (or tombstones) on compensation', async () => {
    const declined = await authorize({ cardNumber: CARDS.decline });
    expect(declined.status).toBe('DECLINED');
    expect(declined.reason).toMatch(/declined/);

    const orderId = randomUUID();
    await authorize({ orderId });
    const voided = await cluster.observer.client.call(PaymentRpc.void, { orderId, reason: 'test' }, ctx());
    expect(voided.status).toBe('VOIDED');
    // A late authorization of a cancelled order never charges.
    const neverCharged = randomUUID();
    await cluster.observer.client.call(
      PaymentRpc.void,
      { orderId: neverCharged, reason: 'interrupted' },
      ctx(),
    );
    const before = (await status()).providerCalls;
    expect((await authorize({ orderId: neverCharged })).status).toBe('VOIDED');
    expect((await status()).providerCalls).toBe(before);
  });

  it('opens the breaker after 3 consecutive provider failures, fails fast while open, and half-opens after the cool-down', async () => {
    for (let i = 0; i < 3; i++) {
      const failed = await authorize({ cardNumber: CARDS.providerError });
      expect(failed).toMatchObject({ status: 'FAILED', providerUnavailable: true });
      expect(failed.reason).toMatch(/Payment provider failed/);
    }
    expect((await status()).breaker).toBe('open');
    const calls = (await status()).providerCalls;
    const fast = await authorize({ cardNumber: CARDS.approve });
    expect(fast.status).toBe('FAILED');
    expect(fast.reason).toMatch(/circuit breaker open/);
    expect(fast.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((await status()).providerCalls).toBe(calls);

    // The same order may be retried once the provider is back: FAILED is not final.
    const ok = await waitFor(
      async () => {
        const r = await authorize({ orderId: fast.orderId });
        return r.status === 'AUTHORIZED' ? r : undefined;
      },
      'the breaker to let a probe through',
      10_000,
      250,
    );
    expect(ok.id).toBe(fast.id);
    expect((await status()).breaker).toBe('closed');
  });

  it('refuses malformed requests with a clear message', async () => {
    await expect(authorize({ cardNumber: '12' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(authorize({ amountMinor: -5 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
