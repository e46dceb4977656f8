import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { builtScript, freePort } from '@shop/testing';
import { startPglite } from '../src/infrastructure/database';
import { natsAnswers, startNatsServer } from '../src/infrastructure/local-nats';
import { findExecutable } from '../src/infrastructure/probe';

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

/** What `npm start` falls back to: a nats-server it starts itself, and the embedded PGlite. */
describe('local infrastructure of npm start', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cluster-infra-'));
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

  it('serves PGlite over the PostgreSQL protocol, keeping data across restarts', async () => {
    const script = builtScript('backend/cluster/src/infrastructure/pglite-server.js');
    const first = await startPglite(join(dir, 'pglite'), script);
    expect(first.embedded).toBe(true);
    try {
      const client = new Client({ connectionString: first.url });
      await client.connect();
      await client.query('CREATE SCHEMA IF NOT EXISTS t; CREATE TABLE t.kept (v int)');
      await client.query('INSERT INTO t.kept VALUES ($1)', [42]);
      await client.end();
    } finally {
      await first.started?.stop();
    }
    const second = await startPglite(join(dir, 'pglite'), script);
    try {
      const client = new Client({ connectionString: second.url });
      await client.connect();
      const { rows } = await client.query('SELECT v FROM t.kept');
      expect(rows).toEqual([{ v: 42 }]);

      // Many clients at once: their parameterized queries never mix, and a transaction is seen whole.
      const clients = await Promise.all(
        Array.from({ length: 5 }, async () => {
          const c = new Client({ connectionString: second.url });
          await c.connect();
          return c;
        }),
      );
      // Each client runs its queries one after another; the clients run side by side.
      const answers = await Promise.all(
        clients.map(async (c, i) => {
          const values: unknown[] = [];
          for (let j = 0; j < 20; j++)
            values.push((await c.query('SELECT $1::int * 100 + $2::int AS v', [i, j])).rows[0].v);
          return values;
        }),
      );
      expect(answers).toEqual(clients.map((_, i) => Array.from({ length: 20 }, (__, j) => i * 100 + j)));
      await client.query('BEGIN');
      await client.query('INSERT INTO t.kept VALUES ($1)', [7]);
      const other = clients[0].query('SELECT count(*)::int AS n FROM t.kept');
      await client.query('INSERT INTO t.kept VALUES ($1)', [8]);
      await client.query('COMMIT');
      expect((await other).rows).toEqual([{ n: 3 }]);
      await Promise.all([client, ...clients].map((c) => c.end()));
    } finally {
      await second.started?.stop();
    }
  });
});
