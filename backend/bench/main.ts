/**
 * `npm run bench`: starts an isolated cluster (own NATS, own database, free ports), runs the selected
 * scenarios, prints the figures as tables, writes them as a Markdown report (docs/benchmarks.md, with the
 * machine, the commit and the command) and saves them as JSON and Markdown under .data/bench/. Everything
 * it started is stopped at the end, on errors and on Ctrl-C too.
 *
 *   npm run bench -- --only platform            one scenario (comma-separated list for several)
 *   npm run bench -- --duration 5 --idle 3      seconds per load run / idle seconds before memory is read
 *   npm run bench -- --rounds 5                 times the platform runs are repeated in turns (default 3)
 *   npm run bench -- --instances inventory=3    instances per service (default 1 of each)
 *   npm run bench -- --nats-url nats://...      use this NATS (under a unique prefix) instead of a private one
 *   npm run bench -- --profile gateway          write V8 CPU profiles of these services into the run's log folder
 *   npm run bench -- --node-flags "gateway:--max-semi-space-size=16"   extra node flags for one service
 *   npm run bench -- --env ORDER_FULFILMENT_MS=500   extra environment for every instance (repeatable)
 *   npm run bench -- --report .data/bench/a.md   write the Markdown report there instead of docs/benchmarks.md
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { SERVICE_NAMES, ServiceName, isServiceName } from '@shop/contracts';
import { installSignalCleanup, runCleanup } from './lib/cleanup';
import { describeMachine } from './lib/machine';
import { benchCommand, renderBenchReport } from './lib/markdown-report';
import { Report } from './lib/report';
import { BenchSystem, repoRoot } from './lib/system';
import { BenchArgs, Scenario } from './scenarios/scenario';
import { platformScenario } from './scenarios/platform';
import { catalogueScenario } from './scenarios/catalogue';
import { checkoutScenario } from './scenarios/checkout';
import { instanceKillScenario } from './scenarios/instance-kill';
import { logSearchScenario } from './scenarios/log-search';

/** In the order they run; instance-kill last, as it leaves an instance down. */
const SCENARIOS: Scenario[] = [
  platformScenario,
  catalogueScenario,
  checkoutScenario,
  logSearchScenario,
  instanceKillScenario,
];

/** The report the README links to. */
const DEFAULT_REPORT = 'docs/benchmarks.md';

interface CliOptions extends BenchArgs {
  only: string[];
  instances: Record<ServiceName, number>;
  natsUrl?: string;
  profile: ServiceName[];
  nodeFlags: Partial<Record<ServiceName, string[]>>;
  env: Record<string, string>;
  /** Where the Markdown report goes (relative to the repository unless absolute). */
  reportPath: string;
}

function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = {
    only: SCENARIOS.map((s) => s.name),
    durationS: 6,
    warmupS: 2,
    // Long enough for V8's memory reducer, which collects the heap some seconds after an instance goes quiet.
    idleS: 12,
    rounds: 3,
    profile: [],
    nodeFlags: {},
    env: {},
    reportPath: DEFAULT_REPORT,
    instances: Object.fromEntries(SERVICE_NAMES.map((s) => [s, 1])) as Record<ServiceName, number>,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const seconds = () => {
      const n = Number(value());
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} needs a positive number of seconds`);
      return n;
    };
    if (flag === '--only') {
      opts.only = value().split(',').filter(Boolean);
      const unknown = opts.only.filter((n) => !SCENARIOS.some((s) => s.name === n));
      if (unknown.length > 0)
        throw new Error(
          `unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`,
        );
    } else if (flag === '--duration') opts.durationS = seconds();
    else if (flag === '--warmup') opts.warmupS = seconds();
    else if (flag === '--idle') opts.idleS = seconds();
    else if (flag === '--rounds') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new Error('--rounds needs a whole number of at least 1');
      opts.rounds = n;
    } else if (flag === '--nats-url') opts.natsUrl = value();
    else if (flag === '--report') opts.reportPath = value();
    else if (flag === '--env') {
      const v = value();
      const eq = v.indexOf('=');
      if (eq < 1) throw new Error(`--env expects KEY=VALUE, got "${v}"`);
      opts.env[v.slice(0, eq)] = v.slice(eq + 1);
    } else if (flag === '--node-flags') {
      // e.g. --node-flags "gateway:--max-semi-space-size=16"
      const v = value();
      const service = v.slice(0, v.indexOf(':'));
      if (!isServiceName(service)) throw new Error(`--node-flags expects service:flags, got "${v}"`);
      opts.nodeFlags[service] = v
        .slice(v.indexOf(':') + 1)
        .split(' ')
        .filter(Boolean);
    } else if (flag === '--profile') {
      const names = value().split(',');
      const bad = names.filter((n) => !isServiceName(n));
      if (bad.length > 0) throw new Error(`--profile expects service names, got ${bad.join(', ')}`);
      opts.profile = names as ServiceName[];
    } else if (flag === '--instances') {
      for (const pair of value().split(',')) {
        const [service, count] = pair.split('=');
        if (!isServiceName(service) || !Number.isInteger(Number(count)) || Number(count) < 1)
          throw new Error(`--instances expects service=count pairs, got "${pair}"`);
        // The benchmark addresses one gateway port; several gateways share one only as node:cluster workers.
        if (service === 'gateway' && Number(count) !== 1)
          throw new Error(
            '--instances: the benchmark runs exactly one gateway (its figures are per gateway)',
          );
        opts.instances[service] = Number(count);
      }
    } else if (flag === '--help' || flag === '-h') {
      console.log(
        `usage: npm run bench -- [--only ${SCENARIOS.map((s) => s.name).join(',')}] [--duration s] ` +
          '[--warmup s] [--idle s] [--rounds n] [--instances svc=n,...] [--nats-url url] [--profile svc,...] ' +
          '[--node-flags "svc:--flag ..."] [--env KEY=VALUE] [--report file.md]',
      );
      process.exit(0);
    } else throw new Error(`unknown option ${flag} (try --help)`);
  }
  return opts;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const opts = parseArgs(argv);
  installSignalCleanup();
  const root = repoRoot();
  const startedAt = new Date().toISOString();
  const runId = new Date().toISOString().replace(/[:.]/g, '-');
  const outDir = join(root, '.data', 'bench');
  const logDir = join(outDir, 'logs', runId);
  mkdirSync(logDir, { recursive: true });
  const report = new Report();
  const selected = SCENARIOS.filter((s) => opts.only.includes(s.name));
  const started = Date.now();
  let failure: Error | undefined;

  try {
    console.log(`Starting an isolated cluster (${JSON.stringify(opts.instances)}); logs in ${logDir}`);
    const system = await BenchSystem.start({
      instances: opts.instances,
      root,
      logDir,
      natsUrl: opts.natsUrl,
      profile: opts.profile,
      nodeFlags: opts.nodeFlags,
      env: opts.env,
    });
    console.log(
      `  ready in ${((Date.now() - started) / 1000).toFixed(1)} s: prefix ${system.prefix}, ` +
        `NATS ${system.natsUrl}, gateway ${system.gatewayUrl}`,
    );
    for (const scenario of selected) {
      console.log(`\n== ${scenario.title} (${scenario.name})`);
      try {
        await scenario.run({ system, report, args: opts, root, logDir });
      } catch (err) {
        report.note(scenario.name, `FAILED: ${(err as Error).message}`);
        console.error(`  ${scenario.name} failed: ${(err as Error).stack ?? String(err)}`);
        failure ??= err as Error;
      }
      const crashed = system.crashed().map((i) => `${i.instanceId} (exit ${i.child.exitCode})`);
      if (crashed.length > 0)
        report.note(scenario.name, `instances exited during the run: ${crashed.join(', ')}`);
    }
  } catch (err) {
    failure = err as Error;
    console.error(`\nbenchmark could not run: ${failure.stack ?? failure.message}`);
  } finally {
    console.log('\nStopping the cluster...');
    await runCleanup();
  }

  const machine = describeMachine(root);
  const command = benchCommand(argv);
  const wallSeconds = Math.round((Date.now() - started) / 1000);
  const summary = {
    runId,
    at: startedAt,
    command,
    machine,
    scenarios: selected.map((s) => s.name),
    options: opts,
    wallSeconds,
    failed: failure?.message,
    ...report.toJSON(),
  };
  const text = JSON.stringify(summary, null, 2);
  writeFileSync(join(outDir, `bench-${runId}.json`), text);
  writeFileSync(join(outDir, 'latest.json'), text);
  const markdown = renderBenchReport({
    machine,
    startedAt,
    command,
    wallSeconds,
    scenarios: selected.map(({ name, title }) => ({ name, title })),
    report,
    failed: failure?.message,
  });
  const runReport = join(outDir, `bench-${runId}.md`);
  writeFileSync(runReport, markdown);
  console.log(`\n${report.print()}\n`);
  const reportFile = resolve(root, opts.reportPath);
  // A run that measured nothing (the cluster did not start) leaves the last report in place.
  if (report.loads.length + report.memory.length + report.figures.length > 0) {
    mkdirSync(dirname(reportFile), { recursive: true });
    writeFileSync(reportFile, markdown);
    console.log(`Report: ${relative(root, reportFile)} (also ${relative(root, runReport)})`);
  } else
    console.log(
      `Nothing measured: ${relative(root, reportFile)} left as it is; this run's report: ${runReport}`,
    );
  console.log(`JSON summary: ${join(outDir, `bench-${runId}.json`)} (also latest.json)`);
  return failure ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.message);
    void runCleanup().finally(() => process.exit(2));
  },
);
