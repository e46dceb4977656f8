import { INVALID_CONFIGURATION_EXIT_CODE } from '@shop/contracts';
import { ChildInstance, REPO_ROOT, builtScript, sleep, waitFor } from '@shop/testing';

jest.setTimeout(60_000);

/** A real service process (the built auth service) must refuse this environment before it connects anywhere. */
const BAD_ENV = {
  HEARTBEAT_MS: 'soon',
  DATABASE_POOL_SIZE: '0',
  // Where nothing answers: the process must stop on its configuration before it tries.
  NATS_URL: 'nats://127.0.0.1:9',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:9/never',
  SUBJECT_PREFIX: 'invalid_config_e2e',
};

describe('an instance with an invalid configuration', () => {
  it('exits at start with INVALID_CONFIGURATION_EXIT_CODE, naming each bad variable, without a stack trace', async () => {
    const instance = ChildInstance.spawn({
      name: 'auth-invalid-config',
      script: builtScript('backend/auth/src/main.js'),
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, ...BAD_ENV },
    });
    try {
      const exit = await instance.exited;
      expect(exit).toEqual({ code: INVALID_CONFIGURATION_EXIT_CODE, signal: null });
      const output = instance.tail(10_000);
      expect(output).toContain('Invalid configuration:');
      expect(output).toContain(
        'HEARTBEAT_MS: must be a whole number of milliseconds from 10 to 60000 (got "soon")',
      );
      expect(output).toContain('DATABASE_POOL_SIZE: must be an integer from 1 to 200 (got "0")');
      expect(output).not.toMatch(/^\s+at /m);
    } finally {
      await instance.stop(1000);
    }
  });

  it('is reported by the supervisor and not restarted', async () => {
    // The supervisor of `npm start`, as built.
    const { SupervisedInstance } = (await import(
      builtScript('backend/cluster/src/supervised-instance.js')
    )) as {
      SupervisedInstance: new (
        launch: object,
        events: object,
      ) => { start(): void; stop(graceMs: number): Promise<void>; restarts: number; isRunning: boolean };
    };
    const notes: string[] = [];
    const lines: string[] = [];
    const supervised = new SupervisedInstance(
      {
        id: 'auth-invalid-config',
        script: builtScript('backend/auth/src/main.js'),
        mode: 'fork',
        nodeFlags: [],
        env: { PATH: process.env.PATH, ...BAD_ENV },
        cwd: REPO_ROOT,
      },
      {
        line: (_id: string, line: string) => lines.push(line),
        note: (_id: string, level: string, message: string) => notes.push(`${level}: ${message}`),
      },
    );
    supervised.start();
    try {
      await waitFor(() => notes.some((n) => n.includes('refused to start')), 'the refusal', 30_000);
      expect(notes.find((n) => n.includes('refused to start'))).toMatch(
        /^error: refused to start: its configuration/,
      );
      expect(lines.join('\n')).toContain('HEARTBEAT_MS');
      // The first restart would come after 500 ms.
      await sleep(1500);
      expect(supervised.restarts).toBe(0);
      expect(supervised.isRunning).toBe(false);
    } finally {
      await supervised.stop(1000);
    }
  });
});
