import { ClusterConfigStore } from '@shop/messaging';
import { applyConfigCommand } from '../../../gateway/src/services/apply-config-command';
import { ConfigFaults, FaultSpec } from './config-faults';

/**
 * Latency and error injections written straight into the cluster configuration store, with the same rules
 * as `POST /api/services/config` (compare-and-set, audit summary, `createdBy`). Remembers every fault it
 * injected, so the run removes exactly those at its end and never an operator's own.
 */
export class StoreConfigFaults implements ConfigFaults {
  private readonly injected = new Set<string>();

  constructor(
    private readonly store: ClusterConfigStore,
    /** Who the faults are recorded as made by (the run and its operator). */
    private readonly by: string,
  ) {}

  /** Faults this run injected that are still in the configuration as far as it knows. */
  get active(): number {
    return this.injected.size;
  }

  async injectFault(fault: FaultSpec): Promise<string | undefined> {
    let id: string | undefined;
    try {
      await this.store.update(this.by, (config) => {
        const summary = applyConfigCommand(config, { action: 'inject-fault', ...fault }, this.by);
        id = config.faults[config.faults.length - 1]?.id;
        return `${summary} (chaos)`;
      });
    } catch {
      return undefined;
    }
    if (id) this.injected.add(id);
    return id;
  }

  async clearFault(_fault: FaultSpec, id: string): Promise<boolean> {
    try {
      await this.store.update(this.by, (config) => {
        config.faults = config.faults.filter((f) => f.id !== id);
        return `cleared fault ${id} (chaos)`;
      });
    } catch {
      return false;
    }
    this.injected.delete(id);
    return true;
  }

  /** Removes every fault this run injected and has not cleared yet; true when none is left. */
  async clearAll(): Promise<boolean> {
    if (this.injected.size === 0) return true;
    const ids = new Set(this.injected);
    try {
      await this.store.update(this.by, (config) => {
        config.faults = config.faults.filter((f) => !ids.has(f.id));
        return `cleared ${ids.size} chaos fault(s)`;
      });
    } catch {
      return false;
    }
    for (const id of ids) this.injected.delete(id);
    return true;
  }
}
