import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChildInstance, REPO_ROOT, TestCluster, freePort, waitFor } from '@shop/testing';
import { commandLine, descendants, running } from './process-tree';
import { shopperJourney } from './shopper-journey';

jest.setTimeout(300_000);

const START = join(REPO_ROOT, 'backend/cluster/start.mjs');
/** One instance of each process the checkout needs, and no Angular build. */
const ONE_EACH = [
  '--no-web',
  '--gateway=1',
  '--auth=1',
  '--inventory=1',
  '--cart=1',
  '--orders=1',
  '--payment=1',
  '--notification=0',
  '--smtp-sink=0',
];

/** `npm start` as a user runs it (backend/cluster/start.mjs; the backend is built already). */
async function npmStart(
  cluster: TestCluster,
  env: NodeJS.ProcessEnv,
): Promise<{ npm: ChildInstance; baseUrl: string }> {
  const port = await freePort();
  const npm = ChildInstance.spawn({
    name: 'npm-start',
    script: START,
    argv: [process.execPath, START, ...ONE_EACH],
    cwd: REPO_ROOT,
    env: cluster.env({
      PORT: String(port),
      SMTP_SINK_PORT: String(await freePort()),
      SKIP_BUILD: '1',
      NO_COLOR: '1',
      BCRYPT_COST: '6',
      ORDER_FULFILMENT_MS: '300',
      SHUTDOWN_GRACE_MS: '8000',
      ...env,
    }),
  });
  return { npm, baseUrl: `http://127.0.0.1:${port}` };
}

/**
 * Starts `npm start`, runs a shopper's whole journey through its REST API, stops it with SIGTERM, and
 * checks that it exited 0 and that none of its processes (by pid: instances, database server and its
 * backends, helpers) is left. Resolves with its output.
 */
async function journeyThenStop(cluster: TestCluster, env: NodeJS.ProcessEnv): Promise<string> {
  const { npm, baseUrl } = await npmStart(cluster, env);
  try {
    await npm.waitForLine(/All instances are ready/, 180_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${npm.tail(6000)}`);
    });
    const order = await shopperJourney(baseUrl).catch((err: Error) => {
      throw new Error(`${err.message}\n${npm.tail(6000)}`);
    });
    expect(order.status).toBe('COMPLETED');
    expect(order.payment.status).toBe('AUTHORIZED');

    const tree = descendants(npm.pid!);
    expect(tree.length).toBeGreaterThanOrEqual(6);
    npm.kill('SIGTERM');
    expect(await npm.exited).toEqual({ code: 0, signal: null });
    expect(npm.output()).toMatch(/^Stopped\.$/m);
    const left = await waitFor(
      () => {
        const alive = tree.filter(running);
        return alive.length === 0 ? alive : undefined;
      },
      'every process of npm start to be gone',
      5000,
      50,
    ).catch(() => tree.filter(running).map((pid) => `${pid} ${commandLine(pid)}`));
    expect(left).toEqual([]);
    return npm.output();
  } finally {
    await npm.stop(15_000);
  }
}

describe('npm start and its database', () => {
  let cluster: TestCluster | undefined;
  afterEach(async () => {
    await cluster?.teardown();
    cluster = undefined;
  });

  it('with EMBEDDED_DB=1 runs its own PostgreSQL, serves a whole checkout, and leaves no process behind', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'npm-start-db-'));
    // As root the embedded server runs as the postgres user, which must reach its data directory.
    chmodSync(dataDir, 0o755);
    try {
      cluster = await TestCluster.start();
      const output = await journeyThenStop(cluster, {
        EMBEDDED_DB: '1',
        DATA_DIR: dataDir,
        DATABASE_URL: undefined,
      });
      const started = /Started the embedded PostgreSQL \(pid (\d+), data in (\S+),.*\) at (\S+)$/m.exec(
        output,
      );
      expect(started?.[2]).toBe(join(dataDir, 'postgres'));
      expect(started?.[3]).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/shop$/);
      expect(running(Number(started?.[1]))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("serves the same checkout on the machine's PostgreSQL (a fresh database in DATABASE_URL)", async () => {
    cluster = await TestCluster.start({ database: true });
    const output = await journeyThenStop(cluster, { EMBEDDED_DB: undefined });
    expect(output).toContain(`PostgreSQL: ${cluster.database!.url}`);
    expect(output).not.toContain('embedded PostgreSQL');
  });

  it('stops with a message naming a DATABASE_URL that does not answer, never falling back', async () => {
    cluster = await TestCluster.start();
    const url = `postgres://postgres@127.0.0.1:${await freePort()}/shop`;
    const { npm } = await npmStart(cluster, { DATABASE_URL: url, EMBEDDED_DB: undefined });
    try {
      const exit = await npm.exited;
      expect(exit.code).not.toBe(0);
      expect(npm.output()).toContain(`DATABASE_URL=${url} does not answer`);
      expect(npm.output()).not.toContain('embedded PostgreSQL (pid');
    } finally {
      await npm.stop(5000);
    }
  });
});
