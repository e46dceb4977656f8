import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { readyBanner } from './banner';
import { parseClusterOptions, usage, wantsHelp } from './cluster-options';
import { ensureDatabase } from './infrastructure/database';
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

/** `npm start`: infrastructure, web build when stale, every instance supervised, clean stop on Ctrl-C. */
export async function runCluster(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  if (wantsHelp(argv)) {
    say(usage(PROCESS_SPECS));
    return;
  }
  const options = parseClusterOptions(PROCESS_SPECS, argv, process.env);
  const dataDir = resolve(ROOT, options.dataDir);
  const smtpSinkPort = Number(process.env.SMTP_SINK_PORT || 2525);
  const bindHost = process.env.BIND_HOST ?? '127.0.0.1';
  if ((options.instances.gateway ?? 0) > 0)
    await assertPortFree(options.port, bindHost, 'the HTTP port of the gateway', 'PORT');
  if ((options.instances['smtp-sink'] ?? 0) > 0)
    await assertPortFree(
      smtpSinkPort,
      process.env.SMTP_SINK_HOST || '127.0.0.1',
      'the local SMTP sink',
      'SMTP_SINK_PORT',
    );

  const stale = options.skipWebBuild ? [] : staleWebApps(ROOT);
  if (stale.length > 0) {
    say(`Building the Angular apps (${stale.join(', ')}): output missing or older than the sources...`);
    const web = spawnSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
    if (web.status !== 0)
      say('WARNING: the Angular build failed; the API still starts (see the errors above).');
  }

  const nats = await ensureNats(process.env, dataDir);
  say(
    nats.started
      ? `Started nats-server (pid ${nats.started.pid}, JetStream data in ${nats.started.dataDir}) at ${nats.url}`
      : `NATS: ${nats.url}`,
  );
  // A NATS server this run started itself carries no other cluster.
  if (!nats.started) await assertPrefixUnused(nats.url, options.prefix, options.port);
  let db;
  try {
    db = await ensureDatabase(
      process.env,
      dataDir,
      options.forceEmbeddedDb,
      resolve(__dirname, 'infrastructure/pglite-server.js'),
    );
  } catch (err) {
    await nats.started?.stop();
    throw err;
  }
  if (db.embedded) {
    say(
      [
        '',
        '  WARNING: no PostgreSQL answered, so this run uses the EMBEDDED PGlite database',
        `  (data in ${db.started?.dataDir}). It is ONE session shared by every instance: queries run one at a`,
        '  time (DATABASE_POOL_SIZE=2 per instance), so it is slow under load and not for testing locking or concurrency.',
        '  For the real thing install PostgreSQL (sudo apt-get install postgresql) or set DATABASE_URL.',
        '',
      ].join('\n'),
    );
  } else say(`PostgreSQL: ${db.url.replace(/:[^:@/]*@/, ':***@')}`);

  const smtpUrl = process.env.SMTP_URL || `smtp://127.0.0.1:${smtpSinkPort}`;
  const supervisor = new Supervisor(
    PROCESS_SPECS,
    options,
    { natsUrl: nats.url, databaseUrl: db.url, embeddedDb: db.embedded, smtpUrl, smtpSinkPort },
    ROOT,
    (seconds) => say(readyBanner({ port: options.port, seconds, embeddedDb: db.embedded, smtpUrl })),
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
      .then(() => db.started?.stop())
      .then(() => nats.started?.stop())
      .then(() => {
        say('Stopped.');
        process.exit(0);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGHUP', () => shutdown('SIGHUP'));

  await supervisor.start();
  const slow = setTimeout(() => {
    const missing = supervisor.notReady();
    if (missing.length) say(`Still waiting for: ${missing.join(', ')} (see their output above)`);
  }, 60_000);
  slow.unref();
}

if (require.main === module) {
  runCluster().catch((err: Error) => {
    if (err instanceof SetupError) say(`\nCannot start the cluster:\n  ${err.message}\n`);
    else say(`\nThe cluster failed to start: ${err.stack ?? err.message}`);
    process.exit(1);
  });
}
