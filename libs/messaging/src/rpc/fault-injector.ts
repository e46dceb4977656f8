import { FaultInjection } from '@shop/contracts';
import { AppError } from '@shop/common';
import { ClusterConfigStore } from '../config/cluster-config.store';
import { MessagingOptions } from '../messaging.options';

export type FaultOutcome = { kind: 'none' } | { kind: 'hang' } | { kind: 'error'; error: AppError };

export const NO_FAULT: FaultOutcome = { kind: 'none' };

/**
 * Applies the fault injections of the cluster configuration that match this instance, before a request
 * is handled: added latency, a share of errors, hanging (never answering), or a crash.
 */
export class FaultInjector {
  /** Whether any injection matches this instance: read on every request, updated on every config change. */
  active = false;

  constructor(
    private readonly config: ClusterConfigStore,
    private readonly options: Pick<MessagingOptions, 'service' | 'instanceId'>,
    private readonly startedAt: number,
    private readonly crash: (fault: FaultInjection) => void,
    private readonly random: () => number = Math.random,
  ) {
    this.active = this.matching().length > 0;
    config.onChange(() => {
      this.active = this.matching().length > 0;
      // A crash takes effect as soon as the configuration arrives, not only on the next request.
      this.checkCrash();
    });
  }

  matching(): FaultInjection[] {
    const { service, instanceId } = this.options;
    return this.config
      .current()
      .config.faults.filter((f) => f.service === service && (!f.instanceId || f.instanceId === instanceId));
  }

  checkCrash(): void {
    // Only instances that were running when the fault was created crash, so a restarted one stays up.
    const fault = this.matching().find((f) => f.crash && Date.parse(f.createdAt) > this.startedAt);
    if (fault) this.crash(fault);
  }

  async beforeHandle(): Promise<FaultOutcome> {
    const faults = this.matching();
    if (faults.length === 0) return NO_FAULT;
    const latency = Math.max(0, ...faults.map((f) => f.latencyMs ?? 0));
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    if (faults.some((f) => f.hang)) return { kind: 'hang' };
    const errorRate = Math.max(0, ...faults.map((f) => f.errorRate ?? 0));
    if (errorRate > 0 && this.random() < errorRate) {
      return { kind: 'error', error: AppError.unavailable(`Injected fault in ${this.options.instanceId}`) };
    }
    return NO_FAULT;
  }
}
