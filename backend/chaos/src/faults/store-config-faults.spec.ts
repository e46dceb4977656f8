import { ClusterConfig, ClusterConfigSnapshot, defaultClusterConfig } from '@shop/contracts';
import { ClusterConfigStore } from '@shop/messaging';
import { StoreConfigFaults } from './store-config-faults';

/** The store's compare-and-set update over one configuration in memory; `failing` makes every write fail. */
class MemoryStore {
  config: ClusterConfig = defaultClusterConfig();
  revision = 0;
  summaries: string[] = [];
  failing = false;

  update(by: string, mutate: (config: ClusterConfig) => string): Promise<ClusterConfigSnapshot> {
    if (this.failing) return Promise.reject(new Error('JetStream did not answer'));
    const next = structuredClone(this.config);
    this.summaries.push(mutate(next));
    next.updatedBy = by;
    this.config = next;
    return Promise.resolve({ revision: ++this.revision, config: next });
  }
}

describe('StoreConfigFaults', () => {
  let store: MemoryStore;
  let faults: StoreConfigFaults;
  const operatorFault = {
    id: 'op-1',
    service: 'cart' as const,
    latencyMs: 50,
    createdAt: '2026-12-07T10:00:00.000Z',
    createdBy: 'ops@shop.test',
  };

  beforeEach(() => {
    store = new MemoryStore();
    store.config.faults.push(operatorFault);
    faults = new StoreConfigFaults(store as unknown as ClusterConfigStore, 'chaos-1 (admin@shop.test)');
  });

  it('injects a fault as made by the run and answers its id', async () => {
    const id = await faults.injectFault({ service: 'orders', instanceId: 'orders-2', errorRate: 0.2 });
    expect(id).toMatch(/^[0-9a-f]{8}$/);
    expect(store.config.faults[1]).toMatchObject({
      id,
      service: 'orders',
      instanceId: 'orders-2',
      errorRate: 0.2,
      createdBy: 'chaos-1 (admin@shop.test)',
    });
    expect(store.summaries[0]).toBe(`fault ${id} on orders-2: 20% errors (chaos)`);
    expect(faults.active).toBe(1);
  });

  it('clears its own faults by id and at the end, and never an operator’s', async () => {
    const a = (await faults.injectFault({ service: 'cart', latencyMs: 50 }))!;
    const b = (await faults.injectFault({ service: 'inventory', latencyMs: 300 }))!;
    await faults.injectFault({ service: 'payment', errorRate: 0.1 });
    expect(await faults.clearFault({ service: 'cart', latencyMs: 50 }, a)).toBe(true);
    expect(store.config.faults.map((f) => f.id)).toEqual(['op-1', b, expect.any(String)]);
    expect(faults.active).toBe(2);
    expect(await faults.clearAll()).toBe(true);
    expect(store.config.faults).toEqual([operatorFault]);
    expect(faults.active).toBe(0);
  });

  it('answers no id and false while the store cannot be written, and keeps what is left to clear', async () => {
    const id = (await faults.injectFault({ service: 'cart', latencyMs: 100 }))!;
    store.failing = true;
    expect(await faults.injectFault({ service: 'orders', latencyMs: 100 })).toBeUndefined();
    expect(await faults.clearFault({ service: 'cart', latencyMs: 100 }, id)).toBe(false);
    expect(await faults.clearAll()).toBe(false);
    expect(faults.active).toBe(1);
    store.failing = false;
    expect(await faults.clearAll()).toBe(true);
    expect(store.config.faults).toEqual([operatorFault]);
  });
});
