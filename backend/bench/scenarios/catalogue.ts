import { Scenario } from './scenario';

export const catalogueScenario: Scenario = {
  name: 'catalogue',
  title: 'Issue 3: catalogue reads (cache hit/miss) and add-to-cart',
  run(ctx) {
    ctx.report.skip('catalogue', 'not written yet');
    return Promise.resolve();
  },
};
