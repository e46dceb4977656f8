import { MachineInfo } from './machine';
import { benchCommand, renderBenchReport } from './markdown-report';
import { Report } from './report';
import { markdownTable } from './table';
import { catalogueScenario } from '../scenarios/catalogue';
import { checkoutScenario } from '../scenarios/checkout';
import { instanceKillScenario } from '../scenarios/instance-kill';
import { platformScenario } from '../scenarios/platform';

const machine: MachineInfo = {
  cpuModel: 'Test CPU 3000',
  cores: 2,
  memoryGiB: 7.8,
  os: 'Debian GNU/Linux 13 (Linux 6.1.0)',
  node: 'v24.11.0',
  commit: 'abc1234',
};

const load = (label: string, rps: number) => ({
  label,
  connections: 50,
  durationS: 6,
  ok: rps * 6,
  failed: 0,
  rps,
  latency: { count: rps * 6, p50: 1.5, p90: 2, p99: 4.25, max: 9, mean: 1.6 },
  failures: {},
});

function sampleReport(): Report {
  const report = new Report();
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  report.load('platform', {
    ...load('bare Node http GET /info', 20000),
    cpuMsPerRequest: { 'bare-http': 0.03 },
  });
  report.load('platform', load('gateway → NATS → inventory GET /api/services/inventory/info', 5000));
  report.memory.push({
    scenario: 'platform',
    instanceId: 'gateway-1',
    service: 'gateway',
    pid: 42,
    phase: 'idle 12s after ready',
    rssMb: 101.5,
  });
  report.figure({
    scenario: 'platform',
    name: 'full path / bare Node (req/s)',
    value: 25,
    unit: '%',
    target: { op: '>=', value: 30 },
    note: 'median of 25, 24, 26',
  });
  report.load('checkout', load('checkout to confirmed (16 buyers)', 200));
  report.figure({
    scenario: 'checkout',
    name: 'raw PostgreSQL pgbench -N tx/s (16 clients)',
    value: 3000,
    unit: 'tx/s',
  });
  report.skip('checkout/vip-wait', 'GET /api/orders/queues is not available');
  report.note('checkout', 'a note | with a pipe');
  return report;
}

describe('renderBenchReport', () => {
  afterEach(() => jest.restoreAllMocks());

  const render = (failed?: string) =>
    renderBenchReport({
      machine,
      startedAt: '2026-01-02T03:04:05.000Z',
      command: 'npm run bench -- --only platform,checkout',
      wallSeconds: 321,
      scenarios: [
        { name: 'platform', title: 'Request path and idle memory' },
        { name: 'checkout', title: 'Checkout to a confirmed order' },
      ],
      report: sampleReport(),
      failed,
    });

  it('describes the machine, the build, the date and the exact command', () => {
    const md = render();
    expect(md.startsWith('# Benchmarks\n')).toBe(true);
    for (const text of [
      '| command | `npm run bench -- --only platform,checkout` |',
      '| started | 2026-01-02T03:04:05.000Z |',
      '| git commit | abc1234 |',
      '| CPU | Test CPU 3000, 2 cores |',
      '| memory | 7.8 GiB |',
      '| OS | Debian GNU/Linux 13 (Linux 6.1.0) |',
      '| Node.js | v24.11.0 |',
      '| result | every selected scenario ran |',
    ])
      expect(md).toContain(text);
    expect(render('no NATS')).toContain('| result | failed: no NATS |');
    expect(render('auth-1 exited:\n\u001b[31mERROR\u001b[39m no driver\n')).toContain(
      '| result | failed: auth-1 exited: ERROR no driver |',
    );
  });

  it('gives every scenario its own section with its loads (baselines included), memory and figures', () => {
    const md = render();
    const platform = md.slice(md.indexOf('## Request path and idle memory'), md.indexOf('## Checkout'));
    expect(platform).toContain(
      '| platform | bare Node http GET /info | 50 | 6 | 20000 | 1.5 | 2 | 4.25 | 9 | 0 | bare-http 0.03 |',
    );
    expect(platform).toContain('gateway → NATS → inventory');
    expect(platform).toContain('| gateway-1 | gateway | 42 | idle 12s after ready | 101.5 | yes |');
    expect(platform).toContain(
      '| platform | full path / bare Node (req/s) | 25 | % | >= 30 | NO | median of 25, 24, 26 |',
    );
    expect(platform).not.toContain('checkout');

    const checkout = md.slice(md.indexOf('## Checkout to a confirmed order'));
    expect(checkout).toContain('checkout to confirmed (16 buyers)');
    expect(checkout).toContain('raw PostgreSQL pgbench -N tx/s (16 clients)');
    expect(checkout).toContain('- SKIPPED checkout/vip-wait: GET /api/orders/queues is not available');
    expect(checkout).toContain('- note (checkout): a note | with a pipe');
    expect(checkout).not.toContain('Resident memory');
  });

  it('uses the scenario titles as headings, never a work-item number', () => {
    const headings = render()
      .split('\n')
      .filter((l) => l.startsWith('#'));
    expect(headings).toEqual([
      '# Benchmarks',
      '## Run',
      '## Request path and idle memory',
      '### Load runs (latency of successful requests; ok/s = successful requests per second)',
      '### Resident memory (VmRSS from /proc/<pid>/status)',
      '### Figures and targets',
      '## Checkout to a confirmed order',
      '### Load runs (latency of successful requests; ok/s = successful requests per second)',
      '### Figures and targets',
    ]);
  });

  it('says so when a scenario recorded nothing', () => {
    const md = renderBenchReport({
      machine,
      startedAt: '2026-01-02T03:04:05.000Z',
      command: 'npm run bench',
      wallSeconds: 1,
      scenarios: [{ name: 'catalogue', title: 'Catalogue' }],
      report: new Report(),
    });
    expect(md).toContain('## Catalogue\n\nScenario `catalogue`.\n\nNo figures.\n');
  });
});

describe('markdownTable', () => {
  it('right-aligns numeric columns, prints missing cells as "-" and escapes pipes', () => {
    expect(
      markdownTable(
        ['name', 'value'],
        [
          ['a|b', 1.5],
          ['c', null],
        ],
      ),
    ).toBe(['| name | value |', '|---|---:|', '| a\\|b | 1.5 |', '| c | - |'].join('\n'));
  });
});

describe('benchCommand', () => {
  it('gives the command as typed, quoting what the shell would split', () => {
    expect(benchCommand([])).toBe('npm run bench');
    expect(benchCommand(['--only', 'platform', '--duration', '3'])).toBe(
      'npm run bench -- --only platform --duration 3',
    );
    expect(benchCommand(['--node-flags', 'gateway:--max-semi-space-size=16 --trace-gc'])).toBe(
      "npm run bench -- --node-flags 'gateway:--max-semi-space-size=16 --trace-gc'",
    );
  });
});

describe('the scenarios', () => {
  it('have titles that describe what they measure', () => {
    for (const { title } of [platformScenario, catalogueScenario, checkoutScenario, instanceKillScenario]) {
      expect(title.length).toBeGreaterThan(20);
      expect(title).not.toMatch(/\b(issue|session)\b/i);
    }
  });
});
