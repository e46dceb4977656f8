import { Scenario } from './scenario';

export const checkoutScenario: Scenario = {
  name: 'checkout',
  title: 'Issue 4: checkout throughput and VIP queue wait',
  run(ctx) {
    ctx.report.skip('checkout', 'not written yet');
    return Promise.resolve();
  },
};
