import { randomBytes } from 'node:crypto';
import { ClusterHealth, DUPLICATE_INSTANCE_EXIT_CODE } from '@shop/contracts';
import {
  ChildInstance,
  ECHO_INSTANCE_SCRIPT,
  REPO_ROOT,
  TestCluster,
  builtScript,
  freePort,
  sleep,
  waitFor,
} from '@shop/testing';

jest.setTimeout(240_000);

/** Instance counts of the clusters this file starts: one gateway, two auth instances and the SMTP sink. */
const SMALL = {
  INSTANCES_GATEWAY: '1',
  INSTANCES_AUTH: '2',
  INSTANCES_INVENTORY: '0',
  INSTANCES_CART: '0',
  INSTANCES_ORDERS: '0',
  INSTANCES_PAYMENT: '0',
  INSTANCES_NOTIFICATION: '0',
  INSTANCES_SMTP_SINK: '1',
};

/**
 * One identity per instance: `npm start` (backend/cluster/start.mjs) refuses to start a second cluster on a
 * prefix a running cluster uses, or on a port it holds; a process started with an instance id the cluster
 * already uses exits naming the process that has it; and the running cluster's answers and health view are
 * not touched by any of them.
 */
describe('one identity per instance', () => {
  let cluster: TestCluster;
  let first: ChildInstance;
  let port: number;
  let smtpPort: number;
  let admin: string;
  const others: ChildInstance[] = [];
  const statuses: number[] = [];
  let registering = true;
  let registrations: Promise<void> | undefined;

  const npmStart = (name: string, env: NodeJS.ProcessEnv) => {
    const child = ChildInstance.spawn({
      name,
      script: '',
      argv: [process.execPath, 'backend/cluster/start.mjs'],
      cwd: REPO_ROOT,
      env: cluster.env({
        SKIP_BUILD: '1',
        SKIP_WEB_BUILD: '1',
        NO_COLOR: '1',
        BCRYPT_COST: '4',
        ...SMALL,
        ...env,
      }),
    });
    others.push(child);
    return child;
  };
  const api = (path: string, init: RequestInit = {}) => fetch(`http://127.0.0.1:${port}${path}`, init);
  const health = async () =>
    (await (
      await api('/api/services/health', { headers: { authorization: `Bearer ${admin}` } })
    ).json()) as ClusterHealth;
  const instances = async () =>
    (await health()).services.flatMap((s) =>
      s.instances.map((i) => ({ id: i.instanceId, pid: i.pid, status: i.status })),
    );

  /** Registers fresh e-mails one after another until told to stop; every status is kept. */
  const keepRegistering = async () => {
    const run = randomBytes(3).toString('hex');
    for (let n = 0; registering; n++) {
      const res = await api('/api/auth/register', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `identity-${run}-${n}@test.local`, password: 'Identity-Passw0rd!' }),
      });
      statuses.push(res.status);
    }
  };

  beforeAll(async () => {
    cluster = await TestCluster.start({ database: true });
    [port, smtpPort] = [await freePort(), await freePort()];
    first = npmStart('first cluster', { PORT: String(port), SMTP_SINK_PORT: String(smtpPort) });
    try {
      await first.waitForLine(/All instances are ready/, 150_000);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${first.tail(6000)}`);
    }
    const login = await api('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@shop.local', password: 'Admin123!' }),
    });
    admin = ((await login.json()) as { accessToken: string }).accessToken;
    registrations = keepRegistering();
  });

  afterAll(async () => {
    registering = false;
    await registrations?.catch(() => undefined);
    await Promise.all(others.map((o) => o.stop(5000)));
    await first?.stop(15_000);
    await cluster?.teardown();
  });

  it('refuses a second npm start on the same prefix, saying what to do', async () => {
    const second = npmStart('second cluster', {
      PORT: String(await freePort()),
      SMTP_SINK_PORT: String(await freePort()),
    });
    const exit = await second.exited;
    expect(exit.code).not.toBe(0);
    const out = second.output();
    expect(out).toContain(`A cluster already runs under the subject prefix "${cluster.prefix}"`);
    expect(out).toMatch(/Stop it .* or start this one with another SUBJECT_PREFIX/);
    expect(out).not.toMatch(/\[supervisor\] started/); // not one instance of it ran
  });

  it('refuses an npm start whose HTTP port is taken, saying what to do', async () => {
    const third = npmStart('cluster on a taken port', {
      SUBJECT_PREFIX: `${cluster.prefix}_other`,
      PORT: String(port),
      SMTP_SINK_PORT: String(await freePort()),
    });
    const exit = await third.exited;
    expect(exit.code).not.toBe(0);
    expect(third.output()).toMatch(
      new RegExp(`Port ${port} \\(the HTTP port of the gateway\\).*already in use`),
    );
    expect(third.output()).toContain('another PORT');
  });

  it('stops a process started with an instance id the cluster uses, naming the process that has it', async () => {
    const live = (await instances()).find((i) => i.id === 'auth-1')!;
    const duplicate = ChildInstance.spawn({
      name: 'duplicate auth-1',
      script: builtScript('backend/auth/src/main.js'),
      cwd: REPO_ROOT,
      env: cluster.env({ INSTANCE_ID: 'auth-1', BCRYPT_COST: '4' }),
    });
    others.push(duplicate);
    const exit = await duplicate.exited;
    expect(exit.code).toBe(DUPLICATE_INSTANCE_EXIT_CODE);
    expect(duplicate.output()).toContain('Another process already serves instance id auth-1');
    expect(duplicate.output()).toContain(`pid ${live.pid} on `);
    // It never served: the cluster still sees the same auth-1, and nobody is down after it left.
    await sleep(2500);
    const after = await instances();
    expect(after.find((i) => i.id === 'auth-1')!.pid).toBe(live.pid);
    expect(after.map((i) => `${i.id} ${i.status}`).sort()).toEqual([
      'auth-1 healthy',
      'auth-2 healthy',
      'gateway-1 healthy',
    ]);
  });

  it('answered every registration of a fresh e-mail with 201 meanwhile, never 409', async () => {
    registering = false;
    await registrations;
    expect(statuses.length).toBeGreaterThan(10);
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
  });

  it('does not restart an instance that finds its id taken, reports it, and keeps the one serving', async () => {
    // auth-2 is frozen, so its heartbeats stop; a process that takes its id meanwhile serves it.
    const frozen = (await instances()).find((i) => i.id === 'auth-2')!;
    process.kill(frozen.pid, 'SIGSTOP');
    const taker = ChildInstance.spawn({
      name: 'auth-2 taker',
      script: builtScript(ECHO_INSTANCE_SCRIPT),
      cwd: REPO_ROOT,
      env: cluster.env({ INSTANCE_ID: 'auth-2', SERVICE_NAME: 'auth' }),
    });
    others.push(taker);
    await waitFor(
      () => cluster.observer.registry.get('auth-2')?.heartbeat.pid === taker.pid,
      'the taker to serve auth-2',
      30_000,
    );
    // The frozen process dies; the supervisor announces that run's departure and starts auth-2 again.
    process.kill(frozen.pid, 'SIGKILL');
    await first.waitForLine(
      /auth-2 +ERROR +\[supervisor\] refused to serve: another process already serves auth-2/,
      90_000,
    );
    await sleep(1500);
    expect(first.output()).not.toMatch(/auth-2 .*restart #2/);
    // The departure named the killed run only: the taker is still auth-2, alive.
    const known = cluster.observer.registry.get('auth-2')!;
    expect(known.heartbeat.pid).toBe(taker.pid);
    expect(cluster.observer.registry.liveness(known)).toBe('alive');
    expect(taker.running).toBe(true);
  });
});
