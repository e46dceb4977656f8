import { jetstreamManager } from '@nats-io/jetstream';
import { AppError, AppLogger, DEFAULT_NATS_URL, createContext } from '@shop/common';
import { RpcHeader, RpcMethod, ServiceName, Subjects, streamName } from '@shop/contracts';
import {
  MessagingOptions,
  MessagingRuntime,
  contextToHeaders,
  decodeJson,
  encodeJson,
  errorFromHeaders,
  messagingOptionsFromEnv,
} from '@shop/messaging';
import { ChildInstance } from './child-instance';
import { freePort } from './free-port';
import { ECHO_INSTANCE_SCRIPT, GATEWAY_SCRIPT, REPO_ROOT, builtScript } from './repo-paths';
import { TestDatabase } from './test-database';
import { randomSuffix, uniquePrefix } from './test-ids';
import { sleep } from './wait-for';

export interface TestClusterOptions {
  /** Create a fresh PostgreSQL database and pass it to every process as DATABASE_URL. */
  database?: boolean;
  /** Overrides for the in-test observer/caller runtime (e.g. a short `breakerCooldownMs`). */
  observer?: Partial<MessagingOptions>;
  /** Extra environment for every process this cluster starts. */
  env?: NodeJS.ProcessEnv;
}

export interface StartInstanceOptions {
  service: ServiceName;
  /** Built entry point relative to dist/. */
  script: string;
  /** A command to run instead of `node <script>`, from the repository root. */
  argv?: string[];
  instanceId?: string;
  env?: NodeJS.ProcessEnv;
  /** How long the instance may take to appear in the registry. */
  readyTimeoutMs?: number;
}

export interface RawReply<Res> {
  subject: string;
  /** The instance the reply header names. */
  instanceHeader?: string;
  error?: AppError;
  value?: Res;
}

export interface StartedGateway {
  instance: ChildInstance;
  port: number;
  baseUrl: string;
}

/**
 * An isolated cluster for one test file: a unique SUBJECT_PREFIX on the real NATS server, optionally a fresh
 * database, real OS processes, and an observer `MessagingRuntime` in the test process that sees their
 * heartbeats and calls them through the real balancer (it never serves or beats itself).
 * `teardown()` kills every process (SIGKILL after a grace period), deletes the prefix's JetStream streams
 * and drops the database; call it from `afterAll`, which runs on failure too.
 */
export class TestCluster {
  private readonly instances = new Map<string, ChildInstance>();
  private tornDown = false;

  private constructor(
    readonly prefix: string,
    readonly natsUrl: string,
    readonly observer: MessagingRuntime,
    readonly database: TestDatabase | undefined,
    private readonly extraEnv: NodeJS.ProcessEnv,
  ) {}

  static async start(opts: TestClusterOptions = {}): Promise<TestCluster> {
    const prefix = uniquePrefix();
    const natsUrl = process.env.NATS_URL ?? DEFAULT_NATS_URL;
    const database = opts.database ? await TestDatabase.create() : undefined;
    try {
      const options = messagingOptionsFromEnv('gateway', {
        instanceId: `observer-${prefix}`,
        prefix,
        natsUrl,
        ...opts.observer,
      });
      const observer = await MessagingRuntime.connect(
        options,
        new AppLogger('test', options.instanceId, 'warn'),
      );
      return new TestCluster(prefix, natsUrl, observer, database, opts.env ?? {});
    } catch (err) {
      await database?.drop();
      throw err;
    }
  }

  /** Environment every process of this cluster gets (the parent's, with the cluster's NATS/prefix/database). */
  env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info',
      NATS_URL: this.natsUrl,
      SUBJECT_PREFIX: this.prefix,
      ...(this.database ? { DATABASE_URL: this.database.url } : {}),
      ...this.extraEnv,
      ...extra,
    };
  }

  /** Starts a process and resolves once the observer's registry lists it as alive and ready. */
  async startInstance(opts: StartInstanceOptions): Promise<ChildInstance> {
    const instance = this.spawnInstance(opts);
    await this.waitUntilReady(instance, opts.readyTimeoutMs ?? 30_000);
    return instance;
  }

  /** Starts a process without waiting for it to join (see `waitUntilReady`). */
  spawnInstance(opts: StartInstanceOptions): ChildInstance {
    const instanceId = opts.instanceId ?? `${opts.service}-${randomSuffix()}`;
    if (this.instances.has(instanceId)) throw new Error(`Instance ${instanceId} was already started`);
    const instance = ChildInstance.spawn({
      name: instanceId,
      script: builtScript(opts.script),
      argv: opts.argv,
      cwd: REPO_ROOT,
      env: this.env({ INSTANCE_ID: instanceId, SERVICE_NAME: opts.service, ...opts.env }),
    });
    this.instances.set(instanceId, instance);
    return instance;
  }

  /**
   * Sends one request straight to an instance-addressed subject, bypassing balancer and breakers, and
   * returns the decoded reply with the instance named in its header (or the error it answered).
   */
  async requestInstance<Res>(
    method: RpcMethod<unknown, Res>,
    instanceId: string,
    payload: unknown = {},
    timeoutMs = 1000,
  ): Promise<RawReply<Res>> {
    const subject = Subjects.instance(this.prefix, instanceId, method.service, method.action);
    const reply = await this.observer.nc.request(subject, encodeJson(payload), {
      timeout: timeoutMs,
      headers: contextToHeaders(createContext(), Date.now() + timeoutMs),
    });
    return {
      subject,
      instanceHeader: reply.headers?.get(RpcHeader.Instance),
      error: errorFromHeaders(reply.headers),
      value: reply.data.length ? decodeJson<Res>(reply.data) : undefined,
    };
  }

  /** Starts `count` fixture instances of `service` in parallel (ids `<service>-<n>-<random>`). */
  startEchoInstances(service: ServiceName, count: number): Promise<ChildInstance[]> {
    const tag = randomSuffix(2);
    return Promise.all(
      Array.from({ length: count }, (_, i) =>
        this.startInstance({
          service,
          script: ECHO_INSTANCE_SCRIPT,
          instanceId: `${service}-${i + 1}-${tag}`,
        }),
      ),
    );
  }

  /** Starts the real gateway (dist/backend/gateway/src/main.js) on a free port. */
  async startGateway(env: NodeJS.ProcessEnv = {}): Promise<StartedGateway> {
    const port = await freePort();
    const instance = await this.startInstance({
      service: 'gateway',
      script: GATEWAY_SCRIPT,
      env: { PORT: String(port), ...env },
      readyTimeoutMs: 90_000,
    });
    return { instance, port, baseUrl: `http://127.0.0.1:${port}` };
  }

  instance(instanceId: string): ChildInstance {
    const instance = this.instances.get(instanceId);
    if (!instance) throw new Error(`No instance ${instanceId} in this cluster`);
    return instance;
  }

  /** Output of every process, for a failure message. */
  diagnostics(chars = 3000): string {
    return [...this.instances.values()]
      .map((i) => `--- ${i.name} (pid ${i.pid}, ${describeExit(i)})\n${i.tail(chars)}`)
      .join('\n');
  }

  /** Kills every process, stops the observer, deletes the prefix's streams and drops the database. */
  async teardown(): Promise<void> {
    if (this.tornDown) return;
    this.tornDown = true;
    await Promise.all([...this.instances.values()].map((i) => i.stop(2000)));
    try {
      await this.deleteStreams();
    } finally {
      await this.observer.stop('test finished', 0).catch(() => undefined);
      await this.database?.drop();
    }
  }

  /** Resolves once the observer's registry lists the instance (this run of it) as alive and ready. */
  async waitUntilReady(instance: ChildInstance, timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const known = this.observer.registry.get(instance.name);
      if (
        known &&
        known.heartbeat.state === 'ready' &&
        this.observer.registry.liveness(known) === 'alive' &&
        known.heartbeat.pid === instance.pid
      )
        return;
      if (!instance.running)
        throw new Error(
          `${instance.name} exited (${describeExit(instance)}) before it joined:\n${instance.tail()}`,
        );
      if (Date.now() > until)
        throw new Error(
          `${instance.name} did not join the registry within ${timeoutMs} ms:\n${instance.tail()}`,
        );
      await sleep(20);
    }
  }

  private async deleteStreams(): Promise<void> {
    const jsm = await jetstreamManager(this.observer.nc);
    // Streams of this prefix: PREFIX_NAME, and KV buckets as KV_PREFIX_NAME.
    const own = streamName(this.prefix, 'x').slice(0, -1);
    const names: string[] = [];
    for await (const name of jsm.streams.names()) {
      if (name.startsWith(own) || name.startsWith(`KV_${own}`)) names.push(name);
    }
    await Promise.all(names.map((n) => jsm.streams.delete(n)));
  }
}

function describeExit(instance: ChildInstance): string {
  const exit = instance.exitStatus;
  if (!exit) return 'running';
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}
