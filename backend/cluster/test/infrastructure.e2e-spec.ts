import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { ChildInstance, builtScript, freePort, waitFor } from '@shop/testing';
import { startEmbeddedPostgres } from '../src/infrastructure/embedded-postgres';
import { natsAnswers, startNatsServer } from '../src/infrastructure/local-nats';
import { serverUser } from '../src/infrastructure/postgres-data-dir';
import { findExecutable } from '../src/infrastructure/probe';
import { running } from './process-tree';

jest.setTimeout(120_000);

// `pg` ships no typings here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Client } = require('pg') as {
  Client: new (c: { connectionString: string }) => {
    connect(): Promise<void>;
    query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
    end(): Promise<void>;
  };
};

async function connected(url: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/** What `npm start` starts when nothing answers: a nats-server and a PostgreSQL server of its own. */
describe('local infrastructure of npm start', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cluster-infra-'));
    // As root the embedded server runs as the postgres user, which must reach its data directory.
    chmodSync(dir, 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts nats-server with JetStream on a free port and stops it', async () => {
    const binary = findExecutable('nats-server');
    if (!binary) throw new Error('nats-server is not installed (.ci/run installs it)');
    const port = await freePort();
    const server = await startNatsServer(binary, port, join(dir, 'nats'));
    try {
      const nc = await connect({ servers: `nats://127.0.0.1:${port}` });
      const info = await (await jetstreamManager(nc)).getAccountInfo();
      expect(info.streams).toBe(0);
      await nc.close();
    } finally {
      await server.stop();
    }
    expect(await natsAnswers(`nats://127.0.0.1:${port}`)).toBe(false);
  });

  it('runs a real PostgreSQL from npm: concurrent sessions, data kept across a restart, stopped for good', async () => {
    const server = await startEmbeddedPostgres({ dataDir: join(dir, 'pg') });
    const firstPid = server.pid!;
    try {
      expect(running(firstPid)).toBe(true);
      const a = await connected(server.url);
      const b = await connected(server.url);
      expect((await a.query('SHOW server_version')).rows[0].server_version).toMatch(/^18\./);
      await a.query('CREATE TABLE kept (v int)');
      await a.query('INSERT INTO kept VALUES ($1)', [42]);
      // Separate sessions: a row lock held by one is refused to the other at once.
      await a.query('BEGIN');
      await a.query('SELECT v FROM kept FOR UPDATE');
      await expect(b.query('SELECT v FROM kept FOR UPDATE NOWAIT')).rejects.toMatchObject({ code: '55P03' });
      await a.query('ROLLBACK');
      await Promise.all([a.end(), b.end()]);

      await server.restart();
      expect(running(firstPid)).toBe(false);
      expect(server.pid).not.toBe(firstPid);
      const c = await connected(server.url);
      expect((await c.query('SELECT v FROM kept')).rows).toEqual([{ v: 42 }]);
      await c.end();
    } finally {
      await server.stop();
    }
    expect(server.pid).toBeUndefined();
    expect(existsSync(join(dir, 'pg', 'postmaster.pid'))).toBe(false);
  });

  it('stops the server when the process that started it is killed with SIGKILL', async () => {
    const module = builtScript('backend/cluster/src/infrastructure/embedded-postgres.js');
    const owner = ChildInstance.spawn({
      name: 'embedded-postgres-owner',
      script: module,
      argv: [
        process.execPath,
        '-e',
        `require(${JSON.stringify(module)}).startEmbeddedPostgres({ dataDir: process.argv[1] })` +
          ".then((s) => console.log('READY ' + s.pid), (e) => { console.error(e.message); process.exit(1); })",
        join(dir, 'owned'),
      ],
      env: process.env,
    });
    try {
      await owner.waitForLine(/^READY \d+$/, 60_000);
      const pid = Number(/^READY (\d+)$/m.exec(owner.output())![1]);
      expect(running(pid)).toBe(true);
      owner.kill('SIGKILL');
      await owner.exited;
      await waitFor(() => !running(pid), 'the server of the killed process to stop', 20_000, 50);
      // A fast shutdown: the server removed its lock file on the way out.
      expect(existsSync(join(dir, 'owned', 'postmaster.pid'))).toBe(false);
    } finally {
      await owner.stop(1000);
    }
  });

  it('starts over the postmaster.pid of a server that was killed, even when its pid is taken', async () => {
    const dataDir = join(dir, 'crashed');
    const first = await startEmbeddedPostgres({ dataDir });
    const client = await connected(first.url);
    await client.query('CREATE TABLE kept (v int); INSERT INTO kept VALUES (7)');
    await client.end();
    // The server dies without a word, as in a power cut: its lock file stays.
    process.kill(first.pid!, 'SIGKILL');
    await waitFor(() => first.pid === undefined, 'the killed server to be noticed', 10_000, 20);
    const lockFile = join(dataDir, 'postmaster.pid');
    expect(existsSync(lockFile)).toBe(true);
    // After a reboot its pid may belong to any process: here a live one that is no PostgreSQL, of the
    // server's own user (PostgreSQL counts a process it may not signal as gone).
    const other = spawn('sleep', ['60'], { ...(serverUser([]) ?? {}), stdio: 'ignore' });
    const otherGone = new Promise((resolve) => other.once('exit', resolve));
    const lines = readFileSync(lockFile, 'utf8').split('\n');
    lines[0] = String(other.pid);
    writeFileSync(lockFile, lines.join('\n'));
    try {
      const second = await startEmbeddedPostgres({ dataDir });
      try {
        const again = await connected(second.url);
        expect((await again.query('SELECT v FROM kept')).rows).toEqual([{ v: 7 }]);
        await again.end();
      } finally {
        await second.stop();
      }
    } finally {
      other.kill('SIGKILL');
      await otherGone;
    }
  });
});
