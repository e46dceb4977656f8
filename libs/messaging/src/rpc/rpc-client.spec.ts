import { Msg, NatsConnection, NoRespondersError, RequestError } from '@nats-io/transport-node';
import { createContext } from '@shop/common';
import { InstanceHeartbeat, InventoryRpc, defaultClusterConfig, platformContract } from '@shop/contracts';
import { InstanceBreakers } from '../balancer/breakers';
import { LoadBalancer } from '../balancer/load-balancer';
import { encodeJson } from '../codec';
import { ClusterConfigStore } from '../config/cluster-config.store';
import { MessagingOptions, messagingOptionsFromEnv } from '../messaging.options';
import { InstanceStats } from '../registry/instance-stats';
import { ServiceRegistry } from '../registry/service-registry';
import { RpcClient } from './rpc-client';

const { echo } = platformContract('inventory');

/**
 * Stands in for the NATS connection (a unit test: no broker). It records the requests the client sends and lets
 * the test answer them, in the order the test chooses.
 */
class FakeConnection {
  readonly sent: { subject: string; resolve: (msg: Msg) => void; reject: (err: Error) => void }[] = [];

  subscribe() {
    return { unsubscribe: () => undefined };
  }
  request(subject: string): Promise<Msg> {
    return new Promise<Msg>((resolve, reject) => this.sent.push({ subject, resolve, reject }));
  }

  /** The instance the n-th request was addressed to. */
  target(n: number): string {
    return this.sent[n].subject.split('.')[2];
  }
  answer(n: number, body: unknown): void {
    this.sent[n].resolve({ subject: 'inbox', data: encodeJson(body), headers: undefined } as Msg);
  }
  /** How nats.js fails a request when nobody subscribes to the subject. */
  noResponders(n: number): void {
    const subject = this.sent[n].subject;
    this.sent[n].reject(new RequestError('no responders', { cause: new NoRespondersError(subject) }));
  }
}

const beat = (instanceId: string): InstanceHeartbeat => ({
  service: 'inventory',
  instanceId,
  bootId: `${instanceId}-boot`,
  pid: 1,
  host: 'h',
  version: '1',
  startedAt: '2026-01-01T00:00:00.000Z',
  sentAt: '2026-01-01T00:00:00.000Z',
  seq: 1,
  state: 'ready',
  inFlight: 0,
  served: 0,
  failed: 0,
  latencyP50Ms: 0,
  latencyP99Ms: 0,
  hedged: 0,
  resent: 0,
  rssBytes: 0,
});

/** Lets every settled promise run its continuations. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('RpcClient when an instance dies or is slow', () => {
  let nc: FakeConnection;
  let registry: ServiceRegistry;
  let stats: InstanceStats;
  let client: RpcClient;

  const build = (over: Partial<MessagingOptions> = {}) => {
    nc = new FakeConnection();
    // Sends at once (no batching to the next loop turn), so each test sees what a call sent right after it.
    const options = messagingOptionsFromEnv('gateway', {
      prefix: 't',
      instanceId: 'caller',
      sendBatching: false,
      ...over,
    });
    registry = new ServiceRegistry(nc as unknown as NatsConnection, options);
    const config = { current: () => ({ revision: 1, config: defaultClusterConfig() }) } as ClusterConfigStore;
    const balancer = new LoadBalancer(registry, config, new InstanceBreakers(3, 60_000));
    stats = new InstanceStats();
    client = new RpcClient(nc as unknown as NatsConnection, options, registry, balancer, stats);
    // Round-robin over a and b: the first request goes to a.
    registry.onHeartbeat(beat('a'));
    registry.onHeartbeat(beat('b'));
  };
  const exited = (instanceId: string) =>
    registry.onLeave({
      service: 'inventory',
      instanceId,
      bootId: `${instanceId}-boot`,
      reason: 'gone',
      exited: true,
    });

  afterEach(() => jest.useRealTimers());

  it('sends a read that waits on a lost instance to another one at once', async () => {
    build({ hedgePercent: 0 });
    const call = client.callDetailed(echo, { message: 'x' }, createContext());
    expect(nc.target(0)).toBe('a');
    exited('a');
    await settle();
    expect(nc.sent).toHaveLength(2);
    expect(nc.target(1)).toBe('b');
    nc.answer(1, { message: 'x', instanceId: 'b' });
    await expect(call).resolves.toMatchObject({ instanceId: 'b', attempts: 2 });
    expect(stats.resent).toBe(1);
  });

  it('re-sends a write that carries an idempotency key, and never one without', async () => {
    build({ hedgePercent: 0 });
    const request = { productId: 'p', onHand: 1 };
    const keyed = client
      .call(InventoryRpc.updateStock, request, createContext({ idempotencyKey: 'k' }))
      .catch((err: Error) => err);
    const unkeyed = client.call(InventoryRpc.updateStock, request, createContext());
    expect([nc.target(0), nc.target(1)]).toEqual(['a', 'b']);
    exited('a');
    exited('b');
    await settle();
    // The keyed write left a (no instance is left for it: it fails now); the unkeyed one still waits on b.
    expect(await keyed).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/was lost/) });
    expect(nc.sent).toHaveLength(2);
    nc.answer(1, { productId: 'p', onHand: 1 });
    await expect(unkeyed).resolves.toEqual({ productId: 'p', onHand: 1 });
  });

  it('takes "no responders" as the death of the instance: the reads waiting on it are re-sent', async () => {
    build({ hedgePercent: 0 });
    const first = client.callDetailed(echo, { message: '1' }, createContext()); // → a
    const second = client.callDetailed(echo, { message: '2' }, createContext()); // → b
    const third = client.callDetailed(echo, { message: '3' }, createContext()); // → a
    expect([0, 1, 2].map((n) => nc.target(n))).toEqual(['a', 'b', 'a']);
    nc.noResponders(2);
    await settle();
    expect(registry.liveness(registry.get('a')!)).toBe('down');
    // Both requests that were on a went to b: the one NATS answered and the one still waiting.
    expect(nc.sent.slice(3).map((s) => s.subject.split('.')[2])).toEqual(['b', 'b']);
    nc.answer(3, { message: 'x', instanceId: 'b' });
    nc.answer(4, { message: 'x', instanceId: 'b' });
    nc.answer(1, { message: 'x', instanceId: 'b' });
    const answered = await Promise.all([first, second, third]);
    expect(answered.map((r) => r.instanceId)).toEqual(['b', 'b', 'b']);
  });

  it('hedges a read slower than its method’s delay on another instance and takes the first answer', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    build({ hedgePercent: 5, hedgeMinMs: 20 });
    // Twenty answers make the method's delay known: they took no time, so the floor of 20 ms applies.
    for (let n = 0; n < 20; n++) {
      const call = client.call(echo, { message: 'warm' }, createContext());
      nc.answer(n, { message: 'warm', instanceId: nc.target(n) });
      await call;
    }
    const slow = client.callDetailed(echo, { message: 'slow' }, createContext());
    const first = nc.sent.length - 1;
    await jest.advanceTimersByTimeAsync(19);
    expect(nc.sent).toHaveLength(first + 1);
    await jest.advanceTimersByTimeAsync(1);
    expect(nc.sent).toHaveLength(first + 2);
    expect(nc.target(first + 1)).not.toBe(nc.target(first));
    nc.answer(first + 1, { message: 'slow', instanceId: nc.target(first + 1) });
    await expect(slow).resolves.toMatchObject({ instanceId: nc.target(first + 1), attempts: 2 });
    expect(stats.hedged).toBe(1);
    // The first copy's late answer changes nothing.
    nc.answer(first, { message: 'slow', instanceId: nc.target(first) });
    await settle();
  });
});
