import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { exitOnConfigError, loadConfig } from '@shop/common';
import { readyBanner } from './banner';
import { parseClusterOptions, usage, wantsHelp } from './cluster-options';
import { clusterEnv } from './config/cluster.env';
import { DatabaseEndpoint, ensureDatabase, redact } from './infrastructure/database';
import { ensureNats } from './infrastructure/local-nats';
import { SetupError } from './infrastructure/probe';
import { assertPortFree, assertPrefixUnused } from './preflight';
import { PROCESS_SPECS } from './process-specs';
import { Supervisor } from './supervisor';
import { staleWebApps } from './web-build';

const ROOT = resolve(__dirname, '../../../..');

function say(message: string): void {
  process.stdout.write(`${message}\n`);
}

function embeddedLogFile(dataDir: string): string {
  return join(dataDir, 'postgres.log');
}

/** The embedded server logs to a file; the console only hears that it stopped unexpectedly. */
function embeddedDatabaseLog(dataDir: string) {
  let file: ReturnType<typeof createWriteStream> | undefined;
  return {
    onLog: (line: string) => {
      file ??= createWriteStream(embeddedLogFile(dataDir), { flags: 'a' });
      file.write(`${line}\n`);
    },
    onUnexpectedExit: (description: string) =>
      say(
        `WARNING: ${description}; the services cannot reach their database (see ${embeddedLogFile(dataDir)}).`,
      ),
  };
}

/** The gateway as this machine reaches it: a wildcard bind address is reached on the loopback. */
function gatewayUrl(bindHost: string, port: number): string {
  const host = ['0.0.0.0', '::', ''].includes(bindHost) ? '127.0.0.1' : bindHost;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** `npm start`: infrastructure, web build when stale, every instance supervised, clean stop on Ctrl-C. */
export async function runCluster(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  if (wantsHelp(argv)) {
    say(usage(PROCESS_SPECS));
    return;
  }
  const env = loadConfig(clusterEnv);
  const options = parseClusterOptions(PROCESS_SPECS, argv, env);
  const dataDir = resolve(ROOT, options.dataDir);
  const smtpSinkPort = env.SMTP_SINK_PORT;
  if ((options.instances.gateway ?? 0) > 0)
    await assertPortFree(options.port, env.BIND_HOST, 'the HTTP port of the gateway', 'PORT');
  if ((options.instances['smtp-sink'] ?? 0) > 0)
    await assertPortFree(smtpSinkPort, env.SMTP_SINK_HOST, 'the local SMTP sink', 'SMTP_SINK_PORT');

  const stale = options.skipWebBuild ? [] : staleWebApps(ROOT);
  if (stale.length > 0) {
    say(`Building the Angular apps (${stale.join(', ')}): output missing or older than the sources...`);
    const web = spawnSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
    if (web.status !== 0)
      say('WARNING: the Angular build failed; the API still starts (see the errors above).');
  }

  const nats = await ensureNats(env.NATS_URL, dataDir);
  say(
    nats.started
      ? `Started nats-server (pid ${nats.started.pid}, JetStream data in ${nats.started.dataDir}) at ${nats.url}`
      : `NATS: ${nats.url}`,
  );
  // A NATS server this run started itself carries no other cluster.
  if (!nats.started) await assertPrefixUnused(nats.url, options.prefix, options.port);
  if (options.forceEmbeddedDb && env.DATABASE_URL)
    say(`EMBEDDED_DB is set, so DATABASE_URL (${redact(env.DATABASE_URL)}) is not used.`);
  let db: DatabaseEndpoint;
  try {
    db = await ensureDatabase(
      env.DATABASE_URL,
      dataDir,
      options.forceEmbeddedDb,
      embeddedDatabaseLog(dataDir),
    );
  } catch (err) {
    await nats.started?.stop();
    throw err;
  }
  const server = db.embedded;
  if (server) {
    if (!options.forceEmbeddedDb) say('No PostgreSQL answers on 127.0.0.1:5432: using the embedded one.');
    say(
      `Started the embedded PostgreSQL (pid ${server.pid}, data in ${server.dataDir}, ` +
        `log in ${embeddedLogFile(dataDir)}) at ${db.url}`,
    );
  } else say(`PostgreSQL: ${redact(db.url)}`);

  const smtpUrl = env.SMTP_URL ?? `smtp://127.0.0.1:${smtpSinkPort}`;
  const supervisor = new Supervisor(
    PROCESS_SPECS,
    options,
    {
      natsUrl: nats.url,
      databaseUrl: db.url,
      smtpUrl,
      smtpSinkPort,
      gatewayUrl: gatewayUrl(env.BIND_HOST, options.port),
    },
    ROOT,
    (seconds) => say(readyBanner({ port: options.port, seconds, embeddedDataDir: server?.dataDir, smtpUrl })),
  );
  say(
    `Starting ${supervisor.plannedIds().length} instances (subject prefix "${options.prefix}"): ${supervisor.plannedIds().join(' ')}`,
  );

  let stopping: Promise<void> | undefined;
  const shutdown = (signal: string) => {
    if (stopping) {
      say(`${signal} again: still stopping (instances get ${options.shutdownGraceMs} ms before SIGKILL)`);
      return;
    }
    say(`\n${signal}: stopping every instance...`);
    stopping = supervisor
      .stop()
      .then(() => server?.stop())
      .then(() => nats.started?.stop())
      .then(
        () => {
          say('Stopped.');
          process.exit(0);
        },
        (err: Error) => {
          say(`Stopping failed: ${err.message}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGHUP', () => shutdown('SIGHUP'));

  try {
    await supervisor.start();
  } catch (err) {
    await supervisor.stop().catch(() => undefined);
    await server?.stop();
    await nats.started?.stop();
    throw err;
  }
  const slow = setTimeout(() => {
    const missing = supervisor.notReady();
    if (missing.length) say(`Still waiting for: ${missing.join(', ')} (see their output above)`);
  }, 60_000);
  slow.unref();
}

if (require.main === module) {
  runCluster().catch((err: Error) => {
    exitOnConfigError(err);
    if (err instanceof SetupError) say(`\nCannot start the cluster:\n  ${err.message}\n`);
    else say(`\nThe cluster failed to start: ${err.stack ?? err.message}`);
    process.exit(1);
  });
}
