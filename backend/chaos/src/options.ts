/** Everything `npm run chaos` can be told on the command line. */
export const FAULT_KINDS = ['kill', 'latency', 'errors', 'nats', 'postgres'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface ChaosOptions {
  /** Seconds of load (faults happen inside this time). */
  durationS: number;
  /** Seed of every random choice; printed, so a run can be replayed. */
  seed: string;
  faults: FaultKind[];
  /** Concurrent simulated shoppers. */
  shoppers: number;
  /** Pause of each shopper between two actions (ms, uniformly 0.5× to 1.5×). */
  thinkMs: number;
  /** Instance kills; undefined: one every 13 s of the fault window, at least one per service. */
  kills?: number;
  /** Instances of every service (gateways included); at least 2, so a kill leaves a survivor. */
  instances: number;
  /** Write the typed client's schema from the running gateway instead of failing when it differs. */
  writeSchema: boolean;
  /** Keep the private NATS and PostgreSQL data after the run (a temporary folder, printed). */
  keepData: boolean;
}

export const DEFAULT_OPTIONS: Omit<ChaosOptions, 'seed'> = {
  durationS: 180,
  faults: [...FAULT_KINDS],
  shoppers: 10,
  thinkMs: 300,
  instances: 2,
  writeSchema: false,
  keepData: false,
};

export function usage(): string {
  return [
    'Usage: npm run chaos -- [options]',
    '',
    'Starts the whole system on a private NATS and PostgreSQL, drives a mixed shopper load through the REST',
    'API while killing instances and injecting faults, then checks the invariants from the databases and',
    'streams. Report: .data/chaos/latest.md and .json. Exit code 1 on any violation.',
    '',
    '  --duration <s>       seconds of load (default 180)',
    '  --seed <text>        seed of every random choice (default: random, printed)',
    `  --faults <list>      fault kinds, comma-separated: ${FAULT_KINDS.join(',')} (default all; "none" for none)`,
    '  --shoppers <n>       concurrent shoppers (default 10)',
    '  --think-ms <ms>      pause of each shopper between actions (default 300)',
    '  --kills <n>          instance kills (default: one every 13 s of the fault window, at least one per service)',
    '  --instances <n>      instances of every service, gateways included (default 2, at least 2)',
    "  --write-schema       write backend/chaos/src/api/schema.d.ts from the gateway's /api/docs-json",
    '                       instead of failing when it differs',
    '  --keep-data          keep the private NATS and PostgreSQL data after the run',
    '  --help               this text',
  ].join('\n');
}

/** Parses the command line; `'help'` when help was asked for. Throws with a clear message on bad input. */
export function parseChaosOptions(argv: readonly string[], randomSeed: () => string): ChaosOptions | 'help' {
  const opts: ChaosOptions = { ...DEFAULT_OPTIONS, faults: [...DEFAULT_OPTIONS.faults], seed: '' };
  let seed: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') ? (arg.split('=', 2) as [string, string?]) : [arg];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    const whole = (min: number, max: number): number => {
      const raw = value();
      const n = Number(raw);
      if (!Number.isInteger(n) || n < min || n > max)
        throw new Error(`${flag} must be a whole number from ${min} to ${max}, got "${raw}"`);
      return n;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--duration':
        opts.durationS = whole(20, 24 * 3600);
        break;
      case '--seed':
        seed = value();
        break;
      case '--faults':
        opts.faults = parseFaults(value());
        break;
      case '--shoppers':
        opts.shoppers = whole(1, 500);
        break;
      case '--think-ms':
        opts.thinkMs = whole(0, 60_000);
        break;
      case '--kills':
        opts.kills = whole(0, 10_000);
        break;
      case '--instances':
        opts.instances = whole(2, 8);
        break;
      case '--write-schema':
        opts.writeSchema = true;
        break;
      case '--keep-data':
        opts.keepData = true;
        break;
      default:
        throw new Error(`Unknown option "${arg}" (try --help)`);
    }
  }
  opts.seed = seed ?? randomSeed();
  return opts;
}

function parseFaults(raw: string): FaultKind[] {
  if (raw === 'none') return [];
  const kinds = raw.split(',').map((k) => k.trim());
  const unknown = kinds.filter((k) => !(FAULT_KINDS as readonly string[]).includes(k));
  if (unknown.length > 0 || kinds.length === 0)
    throw new Error(`Unknown fault kind "${unknown.join(', ')}"; known: ${FAULT_KINDS.join(', ')}, or none`);
  return [...new Set(kinds as FaultKind[])];
}
