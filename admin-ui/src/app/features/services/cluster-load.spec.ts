import type { InstanceHealth } from '@shop/contracts';
import { EMPTY_CLUSTER_LOAD, addPicture, type ClusterLoad } from './cluster-load';
import { cluster, instance, service } from './test-health';

const T0 = Date.parse('2026-11-23T22:10:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** An inventory instance as a picture at second `s` shows it (its heartbeat sent 200 ms before). */
function inv(id: string, s: number, served: number, extra: Partial<InstanceHealth> = {}): InstanceHealth {
  return instance({
    instanceId: id,
    bootId: `${id}-boot-1`,
    served,
    sentAt: iso(T0 + s * 1000 - 200),
    latencyP99Ms: 5,
    ...extra,
  });
}

function at(load: ClusterLoad, s: number, instances: InstanceHealth[]): ClusterLoad {
  const picture = { ...cluster([service('inventory', instances)]), generatedAt: iso(T0 + s * 1000) };
  return addPicture(load, picture);
}

const line = (load: ClusterLoad, id: string) => load.rates.inventory.series.find((s) => s.key === id)?.values;

describe('cluster load from health pictures', () => {
  it('gives each instance its requests per second from its served counter between heartbeats', () => {
    let load = at(EMPTY_CLUSTER_LOAD, 0, [inv('inventory-1', 0, 100), inv('inventory-2', 0, 50)]);
    load = at(load, 1, [inv('inventory-1', 1, 130), inv('inventory-2', 1, 60)]);
    load = at(load, 2, [inv('inventory-1', 2, 150), inv('inventory-2', 2, 60)]);
    expect(load.rates.inventory.times).toEqual([T0, T0 + 1000, T0 + 2000]);
    // No rate before the second heartbeat; a disabled or idle instance reads 0.
    expect(line(load, 'inventory-1')).toEqual([null, 30, 20]);
    expect(line(load, 'inventory-2')).toEqual([null, 10, 0]);
  });

  it('drops a killed instance out of the chart and lets its replacement rejoin', () => {
    let load = at(EMPTY_CLUSTER_LOAD, 0, [inv('inventory-1', 0, 0), inv('inventory-2', 0, 0)]);
    load = at(load, 1, [inv('inventory-1', 1, 10), inv('inventory-2', 1, 10)]);
    // inventory-2 is killed: shown down (its last heartbeat ages), then gone from the registry.
    const stale = inv('inventory-2', 1, 10, { status: 'down' });
    load = at(load, 2, [inv('inventory-1', 2, 30), stale]);
    load = at(load, 3, [inv('inventory-1', 3, 50)]);
    // The supervisor restarts it: same id, a new boot id, its counter from zero.
    const reborn = { bootId: 'inventory-2-boot-2' };
    load = at(load, 4, [inv('inventory-1', 4, 70), inv('inventory-2', 4, 3, reborn)]);
    load = at(load, 5, [inv('inventory-1', 5, 90), inv('inventory-2', 5, 21, reborn)]);
    expect(line(load, 'inventory-1')).toEqual([null, 10, 20, 20, 20, 20]);
    expect(line(load, 'inventory-2')).toEqual([null, 10, null, null, null, 18]);
  });

  it('keeps the rate when a picture repeats the same heartbeat, and never reads a restart as negative', () => {
    let load = at(EMPTY_CLUSTER_LOAD, 0, [inv('inventory-1', 0, 0)]);
    load = at(load, 1, [inv('inventory-1', 1, 40)]);
    load = at(load, 2, [{ ...inv('inventory-1', 1, 40) }]);
    // A counter that went backwards under the same boot id is not a rate.
    load = at(load, 3, [inv('inventory-1', 3, 5)]);
    expect(line(load, 'inventory-1')).toEqual([null, 40, 40, null]);
  });

  it('charts the p99 of each service as its slowest instance that is not down', () => {
    const load = at(EMPTY_CLUSTER_LOAD, 0, [
      inv('inventory-1', 0, 0, { latencyP99Ms: 12 }),
      inv('inventory-2', 0, 0, { latencyP99Ms: 40, status: 'down' }),
      inv('inventory-3', 0, 0, { latencyP99Ms: 8 }),
    ]);
    expect(load.p99.series).toEqual([{ key: 'inventory', label: 'inventory', values: [12] }]);
    const allDown = at(load, 1, [inv('inventory-1', 1, 0, { status: 'down' })]);
    expect(allDown.p99.series[0].values).toEqual([12, null]);
  });
});
