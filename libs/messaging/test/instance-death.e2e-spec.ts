import { AppLogger, createContext } from '@shop/common';
import { ClusterConfig } from '@shop/contracts';
import { CallResult, MessagingRuntime, messagingOptionsFromEnv } from '@shop/messaging';
import { TestCluster, sleep, waitFor } from '@shop/testing';
import { inventory } from './load-helpers';

// Per-project testTimeout in jest.config.js is not applied by jest; set it for this file.
jest.setTimeout(60_000);

/** Far longer than anything below may take: a request that waited for it would fail every assertion. */
const TIMEOUT_MS = 10_000;

interface Timed {
  result: CallResult<{ instanceId: string }>;
  answeredAt: number;
}

/**
 * Requests in flight on an instance that dies (SIGKILL, real processes): the reads waiting on it are sent
 * to another instance as soon as the death is known, instead of waiting out their timeout; a read that is
 * merely slow on one instance gets a second copy on another (a hedge) and the first answer wins.
 */
describe('requests in flight on an instance that dies or is slow', () => {
  let cluster: TestCluster;
  let ids: string[];

  const changeConfig = (mutate: (c: ClusterConfig) => void) =>
    cluster.observer.config.update('e2e', (c) => {
      mutate(c);
      return 'e2e change';
    });

  /** Makes `instanceId` take requests and never answer them; resolves once it does. */
  const hang = async (instanceId: string) => {
    await changeConfig((c) =>
      c.faults.push({
        id: `hang-${instanceId}`,
        service: 'inventory',
        instanceId,
        hang: true,
        createdAt: new Date().toISOString(),
        createdBy: 'e2e',
      }),
    );
    await waitFor(
      async () =>
        (await cluster.requestInstance(inventory.configRevision, instanceId, {}, 300).catch(() => 'hung')) ===
        'hung',
      `${instanceId} to hang`,
    );
  };

  /** Sends `count` reads through the observer (hedging off: see its options) with a 10 s timeout. */
  const reads = (count: number) =>
    Array.from({ length: count }, async (): Promise<Timed> => {
      const result = await cluster.observer.client.callDetailed(
        inventory.echo,
        { message: 'x' },
        createContext(),
        {
          timeoutMs: TIMEOUT_MS,
        },
      );
      return { result, answeredAt: Date.now() };
    });

  beforeAll(async () => {
    // The observer does not hedge, so only the death of an instance can move a request elsewhere early.
    cluster = await TestCluster.start({ observer: { hedgePercent: 0 } });
    ids = (await cluster.startEchoInstances('inventory', 4)).map((i) => i.name).sort();
  });

  afterAll(async () => {
    await cluster?.teardown();
  });

  it('hedges a read that is slow on one instance: another instance answers after the method’s delay', async () => {
    const slow = ids[3];
    const hedger = await MessagingRuntime.connect(
      messagingOptionsFromEnv('gateway', {
        prefix: cluster.prefix,
        natsUrl: cluster.natsUrl,
        instanceId: `hedger-${cluster.prefix}`,
        hedgePercent: 5,
        hedgeMinMs: 50,
      }),
      new AppLogger('test', 'hedger', 'warn'),
    );
    try {
      await waitFor(
        () => hedger.registry.list('inventory').length === 4,
        'the hedger to hear every instance',
      );
      // Twenty answers tell the hedger how long the method takes (about a millisecond: the 50 ms floor applies).
      for (let i = 0; i < 20; i++)
        await hedger.client.call(inventory.echo, { message: 'warm' }, createContext());
      await changeConfig((c) =>
        c.faults.push({
          id: 'slow',
          service: 'inventory',
          instanceId: slow,
          latencyMs: 3000,
          createdAt: new Date().toISOString(),
          createdBy: 'e2e',
        }),
      );
      await waitFor(async () => {
        const started = Date.now();
        await cluster.requestInstance(inventory.configRevision, slow, {}, 5000);
        return Date.now() - started >= 2500;
      }, `${slow} to be slow`);

      const started = Date.now();
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          hedger.client.callDetailed(inventory.echo, { message: 'x' }, createContext(), { timeoutMs: 5000 }),
        ),
      );
      const tookMs = Date.now() - started;
      // Two of the eight went to the slow instance first; their hedges answered.
      expect(answers.map((a) => a.instanceId)).not.toContain(slow);
      expect(answers.filter((a) => a.attempts === 2).length).toBeGreaterThanOrEqual(2);
      expect(hedger.stats.hedged).toBeGreaterThanOrEqual(2);
      expect(tookMs).toBeLessThan(1500);
    } finally {
      await changeConfig((c) => void (c.faults = c.faults.filter((f) => f.id !== 'slow')));
      await hedger.stop('test finished', 0);
    }
  });

  it('re-sends at once the reads waiting on a killed instance, as soon as NATS reports it has no responders', async () => {
    const victim = ids[0];
    await hang(victim);
    const pending = reads(6); // round-robin over four: at least one waits on the victim
    await sleep(300);
    const killedAt = Date.now();
    cluster.instance(victim).kill('SIGKILL');
    await cluster.instance(victim).exited;
    // The next requests: one goes to the victim, whose subscriptions died with it.
    const more = reads(4);
    const answered = await Promise.all([...pending, ...more]);

    const rescued = answered.filter((a) => a.result.attempts === 2);
    expect(rescued.length).toBeGreaterThanOrEqual(2);
    expect(answered.map((a) => a.result.instanceId)).not.toContain(victim);
    for (const a of rescued) expect(a.answeredAt - killedAt).toBeLessThan(1000);
    expect(cluster.observer.registry.liveness(cluster.observer.registry.get(victim)!)).toBe('down');
  });

  it('re-sends them once the instance has been silent for DOWN_AFTER_MS when nothing else reveals its death', async () => {
    const victim = ids[1];
    await hang(victim);
    const pending = reads(6);
    await sleep(300);
    const killedAt = Date.now();
    cluster.instance(victim).kill('SIGKILL');
    const answered = await Promise.all(pending);

    const rescued = answered.filter((a) => a.result.attempts === 2);
    expect(rescued.length).toBeGreaterThanOrEqual(1);
    expect(answered.map((a) => a.result.instanceId)).not.toContain(victim);
    // Heartbeats stop with the process; after 2 s of silence the registry reports it lost.
    for (const a of rescued) expect(a.answeredAt - killedAt).toBeLessThan(4000);
    expect(cluster.observer.stats.resent).toBeGreaterThanOrEqual(3);
  });
});
