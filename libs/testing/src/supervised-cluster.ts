import { AuthTokens, DEMO_ACCOUNTS } from '@shop/contracts';
import { ChildInstance } from './child-instance';
import { closeAll } from './close-all';
import { freePort } from './free-port';
import { REPO_ROOT, builtScript } from './repo-paths';
import { TestCluster, TestClusterOptions } from './test-cluster';
import { waitFor } from './wait-for';

/** The built supervisor of `npm start`. */
export const SUPERVISOR_SCRIPT = 'backend/cluster/src/main.js';

/** The processes the supervisor runs, by the name of their instance-count setting. */
const SUPERVISED_PROCESSES = [
  'gateway',
  'auth',
  'inventory',
  'cart',
  'orders',
  'payment',
  'notification',
  'smtp-sink',
] as const;
type ProcessName = (typeof SUPERVISED_PROCESSES)[number];

export interface SupervisedClusterOptions {
  /** How many instances of each process the supervisor runs; a process not named runs none. */
  instances: Partial<Record<ProcessName, number>>;
  /** More environment for the supervisor, over the cluster's. */
  env?: NodeJS.ProcessEnv;
  /** How long the supervisor may take to report every instance ready. */
  readyTimeoutMs: number;
  /** How long `stop()` gives the supervisor to stop its instances before it is killed. */
  stopGraceMs: number;
  /** Options of the test cluster besides its database, which is always created. */
  cluster?: Omit<TestClusterOptions, 'database'>;
}

/** An answer of the REST API: its status and JSON body (with the message and details of an error). */
export interface ApiAnswer<T> {
  status: number;
  body: T & { message?: string; details?: Record<string, unknown> };
}

/**
 * The real supervisor of `npm start` (`SUPERVISOR_SCRIPT`) on a test cluster's unique prefix and fresh
 * database, with the gateway on a free port and no Angular build. `start` resolves once the supervisor reports
 * every instance ready; when it fails, it stops what it started and the error carries the supervisor's output.
 * `stop()` stops the supervisor and tears the cluster down; call it from `afterAll`, which runs on failure too.
 */
export class SupervisedCluster {
  private constructor(
    readonly cluster: TestCluster,
    readonly supervisor: ChildInstance,
    /** The gateway, e.g. http://127.0.0.1:4711. */
    readonly baseUrl: string,
    private readonly stopGraceMs: number,
  ) {}

  static async start(opts: SupervisedClusterOptions): Promise<SupervisedCluster> {
    const cluster = await TestCluster.start({ ...opts.cluster, database: true });
    let supervisor: ChildInstance | undefined;
    try {
      const port = await freePort();
      const instances = Object.fromEntries(
        SUPERVISED_PROCESSES.map((name) => [
          `INSTANCES_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`,
          String(opts.instances[name] ?? 0),
        ]),
      );
      supervisor = ChildInstance.spawn({
        name: 'supervisor',
        script: builtScript(SUPERVISOR_SCRIPT),
        cwd: REPO_ROOT,
        env: cluster.env({
          PORT: String(port),
          ...instances,
          SKIP_WEB_BUILD: '1',
          NO_COLOR: '1',
          SHUTDOWN_GRACE_MS: '8000',
          ...opts.env,
        }),
      });
      await supervisor.waitForLine(/All instances are ready/, opts.readyTimeoutMs);
      return new SupervisedCluster(cluster, supervisor, `http://127.0.0.1:${port}`, opts.stopGraceMs);
    } catch (err) {
      const output = supervisor?.tail(6000) ?? '';
      // The failed start is what the test reports; a failure to clean up after it would hide it.
      await closeAll(
        () => supervisor?.stop(opts.stopGraceMs),
        () => cluster.teardown(),
      ).catch(() => undefined);
      throw new Error(`${(err as Error).message}\n${output}`);
    }
  }

  /**
   * Signs the demo admin in through the gateway and resolves with the access token. The auth instance may be
   * ready before it has seeded the demo accounts: the login is tried again until it succeeds.
   */
  signInAdmin(): Promise<string> {
    const account = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
    return this.withOutput(() =>
      waitFor(async () => {
        const res = await fetch(`${this.baseUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: account.email, password: account.password }),
        });
        return res.status === 200 ? ((await res.json()) as AuthTokens).accessToken : undefined;
      }, 'the demo admin to sign in'),
    );
  }

  /** Registers a new shopper through the gateway and resolves with its access token. */
  registerShopper(email: string, password: string): Promise<string> {
    return this.withOutput(async () => {
      const res = await fetch(`${this.baseUrl}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      const body = (await res.json()) as AuthTokens;
      if (res.status !== 201) throw new Error(`register ${email}: ${res.status} ${JSON.stringify(body)}`);
      return body.accessToken;
    });
  }

  /** A request to the gateway with `token` as the bearer and `body`, when given, sent as JSON. */
  async api<T>(method: string, path: string, token: string, body?: unknown): Promise<ApiAnswer<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as ApiAnswer<T>['body'] };
  }

  /** Stops the supervisor (SIGTERM, SIGKILL after the grace period) and tears the cluster down. */
  stop(): Promise<void> {
    return closeAll(
      () => this.supervisor.stop(this.stopGraceMs),
      () => this.cluster.teardown(),
    );
  }

  /** Runs `step`; its failure carries the end of the supervisor's output. */
  private async withOutput<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${this.supervisor.tail(6000)}`);
    }
  }
}
