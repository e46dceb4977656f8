/**
 * `npm run chaos`: the whole system on a private NATS and PostgreSQL under a mixed shopper load, with
 * instance kills, injected latency and errors, and a NATS and a PostgreSQL restart; then the invariants,
 * checked from the databases and streams. `npm run chaos -- --help` lists the options.
 */
import 'reflect-metadata';
import { randomInt } from 'node:crypto';
import { parseChaosOptions, usage } from './src/options';
import { runChaos } from './src/run-chaos';

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<number> {
  let options: ReturnType<typeof parseChaosOptions>;
  try {
    options = parseChaosOptions(process.argv.slice(2), () => String(randomInt(1, 1_000_000)));
  } catch (err) {
    say(`npm run chaos: ${(err as Error).message}`);
    return 2;
  }
  if (options === 'help') {
    say(usage());
    return 0;
  }
  const report = await runChaos(options, say);
  say('');
  say(
    `${report.verdict}: ${report.invariants.filter((i) => i.violations.length === 0).length} of ${report.invariants.length} invariants hold`,
  );
  for (const i of report.invariants)
    say(
      `  ${i.violations.length === 0 ? 'ok  ' : 'FAIL'} ${i.title}: ${i.checked} ${i.checkedWhat}, ${i.violations.length} violation(s)`,
    );
  for (const reason of report.reasons) say(`  - ${reason}`);
  return report.verdict === 'PASS' ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    say(`\nThe chaos run could not complete: ${err.message}`);
    process.exit(2);
  },
);
