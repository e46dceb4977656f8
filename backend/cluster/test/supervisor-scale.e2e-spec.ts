import { AuthTokens, DEMO_ACCOUNTS, ScaleResult, SupervisorStatus } from '@shop/contracts';
import {
  ChildInstance,
  REPO_ROOT,
  TestCluster,
  builtScript,
  freePort,
  randomSuffix,
  waitFor,
} from '@shop/testing';

jest.setTimeout(240_000);

const SUPERVISOR = 'backend/cluster/src/main.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Scaling through the admin API: the gateway sends the command over NATS to the real supervisor of `npm start`
 * (isolated prefix and database), which starts or stops instances and answers their ids, or a refusal the API
 * turns into a 4xx that names the problem.
 */
describe('scaling a service through the admin API', () => {
  let cluster: TestCluster;
  let supervisor: ChildInstance;
  let baseUrl: string;
  let admin = '';
  let shopper = '';

  const api = async <T>(method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const scale = (body: unknown, token = admin) =>
    api<ScaleResult & { message: string; details?: { refusal?: string } }>(
      'POST',
      '/api/admin/supervisor/scale',
      token,
      body,
    );
  const readyPid = (id: string) => {
    const known = cluster.observer.registry.get(id);
    return known && !known.left && known.heartbeat.state === 'ready' ? known.heartbeat.pid : undefined;
  };

  beforeAll(async () => {
    cluster = await TestCluster.start({ database: true });
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    supervisor = ChildInstance.spawn({
      name: 'supervisor',
      script: builtScript(SUPERVISOR),
      cwd: REPO_ROOT,
      env: cluster.env({
        PORT: String(port),
        INSTANCES_GATEWAY: '1',
        INSTANCES_INVENTORY: '1',
        INSTANCES_AUTH: '1',
        INSTANCES_CART: '0',
        INSTANCES_ORDERS: '0',
        INSTANCES_PAYMENT: '0',
        INSTANCES_NOTIFICATION: '0',
        INSTANCES_SMTP_SINK: '0',
        SKIP_WEB_BUILD: '1',
        SEED_CATALOG: 'false',
        BCRYPT_COST: '4',
        NO_COLOR: '1',
        SHUTDOWN_GRACE_MS: '8000',
      }),
    });
    try {
      await supervisor.waitForLine(/All instances are ready/, 150_000);
      const account = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
      admin = await waitFor(async () => {
        const res = await fetch(`${baseUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: account.email, password: account.password }),
        });
        return res.status === 200 ? ((await res.json()) as AuthTokens).accessToken : undefined;
      }, 'the demo admin to sign in');
      const registered = await fetch(`${baseUrl}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `scale-${randomSuffix(6)}@e2e.test`, password: 'Scale-Passw0rd!' }),
      });
      shopper = ((await registered.json()) as AuthTokens).accessToken;
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${supervisor.tail(6000)}`);
    }
  });

  afterAll(async () => {
    await supervisor?.stop(15_000);
    await cluster?.teardown();
  });

  it('lists what the supervisor runs', async () => {
    const res = await api<SupervisorStatus>('GET', '/api/admin/supervisor', admin);
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.processes.map((p) => [p.name, p]));
    expect(byName.inventory).toMatchObject({ instances: ['inventory-1'], scalable: true, min: 1, max: 8 });
    expect(byName.gateway.instances).toEqual(['gateway-1']);
    expect(byName.cart.instances).toEqual([]);
    expect(res.body.pid).toBe(supervisor.pid);
  });

  it('scales inventory up: the new instance joins the cluster; down: the newest one leaves and its process ends', async () => {
    const up = await scale({ service: 'inventory', delta: 1 });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({
      service: 'inventory',
      before: ['inventory-1'],
      instances: ['inventory-1', 'inventory-2'],
      started: ['inventory-2'],
      stopped: [],
    });
    const pid = await waitFor(() => readyPid('inventory-2'), 'inventory-2 to be ready', 90_000, 100);
    await supervisor.waitForLine(/scaled inventory from 1 to 2 instances \(started inventory-2\)/, 5000);

    const down = await scale({ service: 'inventory', delta: -1 });
    expect(down.status).toBe(200);
    expect(down.body).toMatchObject({
      before: ['inventory-1', 'inventory-2'],
      instances: ['inventory-1'],
      started: [],
      stopped: ['inventory-2'],
    });
    // The supervisor answers once the process has exited; its departure was announced.
    expect(alive(pid)).toBe(false);
    await waitFor(() => cluster.observer.registry.get('inventory-2')?.left, 'inventory-2 to leave', 5000);
    expect(readyPid('inventory-1')).toBeDefined();
    // It stays stopped: the supervisor does not restart an instance it scaled away.
    expect((await api<SupervisorStatus>('GET', '/api/admin/supervisor', admin)).body.processes).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'inventory', instances: ['inventory-1'] })]),
    );
  });

  it('scales to a count, from zero instances too', async () => {
    const res = await scale({ service: 'cart', instances: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ before: [], instances: ['cart-1'], started: ['cart-1'] });
    await waitFor(() => readyPid('cart-1'), 'cart-1 to be ready', 90_000, 100);
  });

  it.each([
    [{ service: 'warehouse', delta: 1 }, 404, 'unknown-service', /Unknown service "warehouse"/],
    [{ service: 'inventory', delta: -1 }, 400, 'below-minimum', /fewer than 1 instance/],
    [{ service: 'inventory', instances: 9 }, 400, 'above-maximum', /more than 8 instances/],
    [{ service: 'smtp-sink', delta: 1 }, 400, 'not-scalable', /not a platform service/],
    [{ service: 'inventory' }, 400, 'bad-command', /either "instances"/],
  ])('refuses %j with %i (%s)', async (body, status, refusal, message) => {
    const res = await scale(body);
    expect(res.status).toBe(status);
    expect(res.body.details?.refusal).toBe(refusal);
    expect(res.body.message).toMatch(message);
  });

  it('refuses malformed commands at the gateway', async () => {
    expect((await scale({ service: 'inventory', delta: 'one' })).body.message).toMatch(
      /delta must be an integer/,
    );
    expect((await scale({ service: 'Inventory.*', delta: 1 })).status).toBe(400);
    expect((await scale({ service: 'inventory', delta: 1, replicas: 2 })).status).toBe(400);
  });

  it('answers 403 to a shopper and 401 without a token, and changes nothing', async () => {
    expect((await scale({ service: 'inventory', delta: 1 }, shopper)).status).toBe(403);
    expect((await api('GET', '/api/admin/supervisor', shopper)).status).toBe(403);
    expect((await scale({ service: 'inventory', delta: 1 }, '')).status).toBe(401);
    const status = await api<SupervisorStatus>('GET', '/api/admin/supervisor', admin);
    expect(status.body.processes.find((p) => p.name === 'inventory')?.instances).toEqual(['inventory-1']);
  });

  it('stops scaled instances with the rest on SIGTERM', async () => {
    await scale({ service: 'inventory', delta: 1 });
    const pid = await waitFor(() => readyPid('inventory-2'), 'inventory-2 to be ready again', 90_000, 100);
    supervisor.kill('SIGTERM');
    expect(await supervisor.exited).toEqual({ code: 0, signal: null });
    expect(alive(pid)).toBe(false);
  });
});
