import { ScaleResult, SupervisorStatus } from '@shop/contracts';
import { SupervisedCluster, randomSuffix, waitFor } from '@shop/testing';
import { alive } from './process-tree';

jest.setTimeout(240_000);

/**
 * Scaling through the admin API: the gateway sends the command over NATS to the real supervisor of `npm start`
 * (isolated prefix and database), which starts or stops instances and answers their ids, or a refusal the API
 * turns into a 4xx that names the problem.
 */
describe('scaling a service through the admin API', () => {
  let shop: SupervisedCluster;
  let admin = '';
  let shopper = '';

  const scale = (body: unknown, token = admin) =>
    shop.api<ScaleResult & { message: string; details?: { refusal?: string } }>(
      'POST',
      '/api/admin/supervisor/scale',
      token,
      body,
    );
  const readyPid = (id: string) => {
    const known = shop.cluster.observer.registry.get(id);
    return known && !known.left && known.heartbeat.state === 'ready' ? known.heartbeat.pid : undefined;
  };

  beforeAll(async () => {
    shop = await SupervisedCluster.start({
      instances: { gateway: 1, inventory: 1, auth: 1 },
      env: { SEED_CATALOG: 'false', BCRYPT_COST: '4' },
      readyTimeoutMs: 150_000,
      stopGraceMs: 15_000,
    });
    admin = await shop.signInAdmin();
    shopper = await shop.registerShopper(`scale-${randomSuffix(6)}@e2e.test`, 'Scale-Passw0rd!');
  });

  afterAll(async () => {
    await shop?.stop();
  });

  it('lists what the supervisor runs', async () => {
    const res = await shop.api<SupervisorStatus>('GET', '/api/admin/supervisor', admin);
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.processes.map((p) => [p.name, p]));
    expect(byName.inventory).toMatchObject({ instances: ['inventory-1'], scalable: true, min: 1, max: 8 });
    expect(byName.gateway.instances).toEqual(['gateway-1']);
    expect(byName.cart.instances).toEqual([]);
    expect(res.body.pid).toBe(shop.supervisor.pid);
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
    await shop.supervisor.waitForLine(/scaled inventory from 1 to 2 instances \(started inventory-2\)/, 5000);

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
    await waitFor(
      () => shop.cluster.observer.registry.get('inventory-2')?.left,
      'inventory-2 to leave',
      5000,
    );
    expect(readyPid('inventory-1')).toBeDefined();
    // It stays stopped: the supervisor does not restart an instance it scaled away.
    expect((await shop.api<SupervisorStatus>('GET', '/api/admin/supervisor', admin)).body.processes).toEqual(
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
    expect((await shop.api('GET', '/api/admin/supervisor', shopper)).status).toBe(403);
    expect((await scale({ service: 'inventory', delta: 1 }, '')).status).toBe(401);
    const status = await shop.api<SupervisorStatus>('GET', '/api/admin/supervisor', admin);
    expect(status.body.processes.find((p) => p.name === 'inventory')?.instances).toEqual(['inventory-1']);
  });

  it('stops scaled instances with the rest on SIGTERM', async () => {
    await scale({ service: 'inventory', delta: 1 });
    const pid = await waitFor(() => readyPid('inventory-2'), 'inventory-2 to be ready again', 90_000, 100);
    shop.supervisor.kill('SIGTERM');
    expect(await shop.supervisor.exited).toEqual({ code: 0, signal: null });
    expect(alive(pid)).toBe(false);
  });
});
