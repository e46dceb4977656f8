import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { REPO_ROOT, TestCluster, waitFor } from '@shop/testing';
import { PROCESS_SPECS } from '../src/process-specs';

jest.setTimeout(120_000);

const ENTRY = 'backend/cluster/docker-entrypoint.sh';

/** The image's entry point (Dockerfile ENTRYPOINT), run as the container would run it. */
describe('container entry point', () => {
  let cluster: TestCluster | undefined;
  afterAll(async () => {
    await cluster?.teardown();
  });

  it('starts the named process with the environment and Node flags of its spec, as PID of the entry point itself', async () => {
    cluster = await TestCluster.start({ database: true });
    const spec = PROCESS_SPECS.find((s) => s.name === 'inventory');
    const flags = spec?.nodeFlags ?? [];
    const env = Object.entries(spec?.env ?? {}).map(([name, value]) => `${name}=${value}`);
    expect(flags.length).toBeGreaterThan(0);
    expect(env.length).toBeGreaterThan(0);
    // startInstance waits for heartbeats from the spawned pid: `exec` kept it, so signals reach Node.
    const instance = await cluster.startInstance({
      service: 'inventory',
      script: 'backend/cluster/src/run-service.js', // what the entry point ends up running
      argv: ['sh', ENTRY, 'inventory'],
      readyTimeoutMs: 90_000,
    });
    const cmdline = readFileSync(`/proc/${instance.pid}/cmdline`, 'utf8').split('\0');
    expect(cmdline).toEqual(expect.arrayContaining([...flags, 'dist/backend/cluster/src/run-service.js']));
    expect(readFileSync(`/proc/${instance.pid}/environ`, 'utf8').split('\0')).toEqual(
      expect.arrayContaining(env),
    );
    // SIGTERM reaches Node (no shell in between), which shuts down gracefully: it announces its departure.
    await instance.stop(10_000);
    await waitFor(
      () => cluster?.observer.registry.get(instance.name)?.left,
      `${instance.name} to announce leaving`,
    );
  });

  it('refuses an unknown process name and lists the known ones', () => {
    const run = spawnSync('sh', [ENTRY, 'warehouse'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('one of: gateway, auth, inventory');
    expect(run.stderr).toContain('got "warehouse"');
  });
});
