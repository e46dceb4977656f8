import { ClusterEnv, envKey } from './config/cluster.env';
import { ProcessSpec } from './process-specs';

/** Everything `npm start` can be told, from the environment and the command line. */
export interface ClusterOptions {
  /** Instances per process spec name. */
  instances: Record<string, number>;
  /** Node flags for every instance (INSTANCE_NODE_OPTIONS). */
  nodeFlags: string[];
  /** Gateway HTTP port. */
  port: number;
  prefix: string;
  /** Use the embedded PostgreSQL even when another PostgreSQL answers. */
  forceEmbeddedDb: boolean;
  /** Print the children's JSON log lines unchanged. */
  rawLogs: boolean;
  /** Skip `npm run build:web` even when the Angular apps are stale. */
  skipWebBuild: boolean;
  /** Time a stopping instance gets before it is killed. */
  shutdownGraceMs: number;
  /** Folder for the data of the NATS server and PostgreSQL that `npm start` runs itself. */
  dataDir: string;
  /** Colours in the console output (when it is a terminal). */
  color: boolean;
  /** Print the instances' debug and trace lines too. */
  verbose: boolean;
}

function toCount(raw: string, what: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 32)
    throw new Error(`${what} must be an integer from 0 to 32, got "${raw}"`);
  return n;
}

/**
 * The options from the validated configuration (`clusterEnv`) and the command line: instance counts
 * (`INSTANCES_<NAME>` or `<NAME>_INSTANCES`, e.g. INSTANCES_INVENTORY=3, GATEWAY_INSTANCES=2; command line
 * `--inventory=3` or `--inventory 3` wins) and the other settings.
 */
export function parseClusterOptions(
  specs: readonly ProcessSpec[],
  argv: readonly string[],
  env: ClusterEnv,
): ClusterOptions {
  const instances: Record<string, number> = {};
  for (const spec of specs) {
    const key = envKey(spec.name);
    instances[spec.name] = env[`INSTANCES_${key}`] ?? env[`${key}_INSTANCES`] ?? spec.defaultInstances;
  }
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument "${arg}" (try --help)`);
    const [name, inline] = arg.slice(2).split('=', 2);
    const spec = specs.find((s) => s.name === name);
    if (spec) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a number of instances`);
      instances[name] = toCount(value, `--${name}`);
    } else if (['embedded-db', 'raw-logs', 'no-web'].includes(name)) {
      flags.add(name);
    } else {
      throw new Error(`Unknown option --${name} (try --help)`);
    }
  }
  return {
    instances,
    nodeFlags: env.INSTANCE_NODE_OPTIONS.split(/\s+/).filter(Boolean),
    port: env.PORT,
    prefix: env.SUBJECT_PREFIX,
    forceEmbeddedDb: flags.has('embedded-db') || env.EMBEDDED_DB,
    rawLogs: flags.has('raw-logs') || env.LOG_FORMAT === 'json',
    skipWebBuild: flags.has('no-web') || env.SKIP_WEB_BUILD,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    dataDir: env.DATA_DIR,
    color: env.NO_COLOR === undefined,
    verbose: ['debug', 'trace'].includes(env.LOG_LEVEL),
  };
}

export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

export function usage(specs: readonly ProcessSpec[]): string {
  const counts = specs.map(
    (s) =>
      `  --${s.name}=N`.padEnd(22) +
      `instances of ${s.name} (default ${s.defaultInstances}; env INSTANCES_${envKey(s.name)})`,
  );
  return [
    'Usage: npm start -- [options]',
    ...counts,
    '  --embedded-db'.padEnd(22) + 'run the embedded PostgreSQL even if another answers (env EMBEDDED_DB=1)',
    '  --raw-logs'.padEnd(22) + "print the instances' JSON log lines unchanged (env LOG_FORMAT=json)",
    '  --no-web'.padEnd(22) + 'do not build the Angular apps (env SKIP_WEB_BUILD=1)',
  ].join('\n');
}
