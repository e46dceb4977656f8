import { RpcMethod, ServiceName } from '@shop/contracts';
import { AppError, AppLogger, DEFAULT_NATS_URL, RequestContext } from '@shop/common';
import { MessagingRuntime, messagingOptionsFromEnv } from '@shop/messaging';
import { randomSuffix } from './test-ids';

/** One request a fake peer received, in arrival order. */
export interface PeerCall<Req = unknown> {
  action: string;
  request: Req;
  ctx: RequestContext;
}

/** How a fake peer answers one method: a value, or an AppError thrown as the real service would. */
export type PeerScript<Req, Res> = (request: Req, ctx: RequestContext) => Res | Promise<Res>;

/** A call a fake peer keeps waiting until the test releases it (see `FakePeer.hold`). */
export interface HeldCall<Req> {
  /** Resolves with the call once it has arrived and is being held. */
  readonly arrived: Promise<PeerCall<Req>>;
  /** Lets the held call run its script and answer. */
  release(): void;
}

export interface FakePeerOptions {
  /** The peer's contract (`defineService(...)`): every method of it is served and recorded. */
  contract: Readonly<Record<string, RpcMethod<unknown, unknown>>>;
  prefix: string;
  instanceId?: string;
  natsUrl?: string;
  /** Heartbeat period; short, so a module under test hears the peer before its own start-up ends. */
  heartbeatMs?: number;
}

interface Hold {
  matches: (request: unknown) => boolean;
  arrive: (call: PeerCall) => void;
  gate: Promise<void>;
}

/**
 * A stand-in for one instance of another service in a flow test. It joins the test's prefix through the real
 * `MessagingRuntime` (heartbeats, instance-addressed subjects, the platform methods), so the module under
 * test reaches it through its own real RpcClient, balancer and circuit breakers. Every method of the contract
 * is served: by the script the test set for it, else with NOT_FOUND ("not scripted"); every call is recorded,
 * so a test can assert which calls happened and how often, unscripted ones included.
 */
export class FakePeer {
  private readonly scripts = new Map<string, PeerScript<unknown, unknown>>();
  private readonly received: PeerCall[] = [];
  private readonly holds = new Map<string, Hold[]>();

  private constructor(
    readonly service: ServiceName,
    private readonly runtime: MessagingRuntime,
  ) {}

  static async start(opts: FakePeerOptions): Promise<FakePeer> {
    const methods = Object.values(opts.contract);
    const service = methods[0]?.service;
    if (!service) throw new Error('A fake peer needs a contract with at least one method');
    const options = messagingOptionsFromEnv(service, {
      instanceId: opts.instanceId ?? `${service}-fake-${randomSuffix()}`,
      prefix: opts.prefix,
      natsUrl: opts.natsUrl ?? process.env.NATS_URL ?? DEFAULT_NATS_URL,
      heartbeatMs: opts.heartbeatMs ?? 100,
    });
    const logger = new AppLogger(service, options.instanceId, process.env.TEST_LOG_LEVEL ?? 'error');
    const runtime = await MessagingRuntime.connect(options, logger);
    const peer = new FakePeer(service, runtime);
    for (const method of methods)
      runtime.server.register(method, (request, ctx) => peer.serve(method, request, ctx));
    await runtime.start('ready');
    return peer;
  }

  get instanceId(): string {
    return this.runtime.options.instanceId;
  }

  /** Sets (or replaces) how `method` answers. */
  script<Req, Res>(method: RpcMethod<Req, Res>, answer: PeerScript<Req, Res>): this {
    this.assertOwn(method);
    this.scripts.set(method.action, answer as PeerScript<unknown, unknown>);
    return this;
  }

  /** The calls of `method` received so far, optionally only those whose request matches. */
  calls<Req>(method: RpcMethod<Req, unknown>, matches?: (request: Req) => boolean): PeerCall<Req>[] {
    this.assertOwn(method);
    return (this.received as PeerCall<Req>[]).filter(
      (c) => c.action === method.action && (!matches || matches(c.request)),
    );
  }

  /** Every call received so far, of any method, optionally only those whose request matches. */
  allCalls(matches?: (request: unknown) => boolean): PeerCall[] {
    return this.received.filter((c) => !matches || matches(c.request));
  }

  /**
   * Keeps the next call of `method` whose request matches waiting (recorded, script not run) until
   * `release()`: the peer is slow or hangs exactly where the test wants. A call never released is never
   * answered, as with a peer that hangs.
   */
  hold<Req>(method: RpcMethod<Req, unknown>, matches: (request: Req) => boolean = () => true): HeldCall<Req> {
    this.assertOwn(method);
    let arrive!: (call: PeerCall) => void;
    let release!: () => void;
    const arrived = new Promise<PeerCall<Req>>((resolve) => (arrive = resolve as (c: PeerCall) => void));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const list = this.holds.get(method.action) ?? [];
    list.push({ matches: matches as (request: unknown) => boolean, arrive, gate });
    this.holds.set(method.action, list);
    return { arrived, release };
  }

  /** Forgets the recorded calls (scripts and holds stay). */
  clearCalls(): void {
    this.received.length = 0;
  }

  /** Leaves the cluster at once (a call still held is never answered). */
  async stop(): Promise<void> {
    await this.runtime.stop('test finished', 0);
  }

  private async serve(method: RpcMethod<unknown, unknown>, request: unknown, ctx: RequestContext) {
    const call: PeerCall = { action: method.action, request, ctx };
    this.received.push(call);
    const holds = this.holds.get(method.action) ?? [];
    const hold = holds.find((h) => h.matches(request));
    if (hold) {
      holds.splice(holds.indexOf(hold), 1);
      hold.arrive(call);
      await hold.gate;
    }
    const script = this.scripts.get(method.action);
    if (!script) throw AppError.notFound(`${this.service}.${method.action} is not scripted in this test`);
    return script(request, ctx);
  }

  private assertOwn(method: RpcMethod<unknown, unknown>): void {
    if (method.service !== this.service)
      throw new Error(`${method.service}.${method.action} is not a method of this ${this.service} peer`);
  }
}
