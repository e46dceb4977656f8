import { createDatabase } from '../lib/system';
import { fillLogStore, openLogStore, searchCases, timeSearches } from '../lib/log-store';
import { round } from '../lib/stats';
import { Scenario, ScenarioContext } from './scenario';

const NAME = 'log-search';
const ROWS = 1_000_000;
const REPEAT = 20;
/** Every search's p99 should stay under this (ms): "well under a second". */
const TARGET_P99_MS = 250;

/**
 * The log store's searches over a million lines: a private database (beside the cluster's) gets the
 * notification service's schema, one million generated lines over 24 hours, and ANALYZE; then each search
 * of `searchCases` runs through the service's own query (LogSearch) 20 times.
 */
export const logSearchScenario: Scenario = {
  name: NAME,
  title: 'Log store: searches over one million lines',
  async run(ctx: ScenarioContext): Promise<void> {
    const { report } = ctx;
    const url = await createDatabase(
      ctx.system.databaseUrl,
      `${new URL(ctx.system.databaseUrl).pathname.slice(1)}_logs`,
    );
    const ds = await openLogStore(url);
    try {
      console.log(`  filling service_logs with ${ROWS.toLocaleString('en')} lines...`);
      const fill = await fillLogStore(ds, ROWS);
      report.figure({
        scenario: NAME,
        name: `fill ${ROWS.toLocaleString('en')} lines + ANALYZE`,
        value: round(fill.seconds, 1),
        unit: 's',
      });
      for (const result of await timeSearches(ds, searchCases(new Date(), ROWS), REPEAT)) {
        console.log(
          `  ${result.label}: ${result.found} found, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
        );
        report.figure({
          scenario: NAME,
          name: `${result.label}: p50`,
          value: result.latency.p50,
          unit: 'ms',
          note: `${result.found} entries`,
        });
        report.figure({
          scenario: NAME,
          name: `${result.label}: p99`,
          value: result.latency.p99,
          unit: 'ms',
          target: { op: '<=', value: TARGET_P99_MS },
        });
      }
    } finally {
      await ds.destroy();
    }
  },
};
