import { OrderPriority, PriorityWeights } from '@shop/contracts';

/**
 * Decides which queue a shared worker serves next: smooth weighted round robin between VIP and normal
 * (4:1 gives VIP four turns out of five), or VIP first whenever it has work in strict mode. The picker
 * only orders the preference; a worker falls back to the other queue when the preferred one is empty,
 * so normal orders progress whenever VIP leaves capacity (and, unless strict, get their share anyway).
 */
export class WeightedPicker {
  private vipCredit = 0;
  private normalCredit = 0;

  order(weights: PriorityWeights): [OrderPriority, OrderPriority] {
    if (weights.strict) return ['vip', 'normal'];
    const vip = Math.max(0, weights.vipWeight);
    const normal = Math.max(0, weights.normalWeight);
    if (vip + normal === 0) return ['vip', 'normal'];
    this.vipCredit += vip;
    this.normalCredit += normal;
    if (this.vipCredit >= this.normalCredit) {
      this.vipCredit -= vip + normal;
      return ['vip', 'normal'];
    }
    this.normalCredit -= vip + normal;
    return ['normal', 'vip'];
  }
}
