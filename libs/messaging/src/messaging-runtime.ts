import { NatsConnection } from '@nats-io/transport-node';
import { AppLogger } from '@shop/common';
import { DUPLICATE_INSTANCE_EXIT_CODE, EchoRequest, InstanceState, platformContract } from '@shop/contracts';
import { InstanceBreakers } from './balancer/breakers';
import { LoadBalancer } from './balancer/load-balancer';
import { BroadcastBus } from './broadcast-bus';
import { ClusterConfigStore } from './config/cluster-config.store';
import { LogShipper } from './logging/log-shipper';
import { InstanceMetrics } from './metrics/instance-metrics';
import { registerMessagingMetrics } from './metrics/messaging-metrics';
import { connectNats } from './nats-connection';
import { MessagingOptions } from './messaging.options';
import { HeartbeatPublisher } from './registry/heartbeat-publisher';
import { DuplicateInstanceError } from './registry/incarnation';
import { IncarnationGuard } from './registry/incarnation-guard';
import { InstanceStats } from './registry/instance-stats';
import { ServiceRegistry } from './registry/service-registry';
import { FaultInjector } from './rpc/fault-injector';
import { RpcClient } from './rpc/rpc-client';
import { RpcServer } from './rpc/rpc-server';
import { NatsSendBatch } from './nats-send-batch';

/**
 * Everything one instance needs to take part in the cluster, wired together without Nest so that tests,
 * the benchmark and the Nest module share one implementation.
 */
export class MessagingRuntime {
  readonly stats = new InstanceStats();
  readonly registry: ServiceRegistry;
  readonly config: ClusterConfigStore;
  readonly breakers: InstanceBreakers;
  readonly balancer: LoadBalancer;
  readonly client: RpcClient;
  readonly server: RpcServer;
  readonly heartbeat: HeartbeatPublisher;
  readonly broadcasts: BroadcastBus;
  readonly faults: FaultInjector;
  /** This instance's Prometheus metrics (served at /metrics by InstanceHealthModule). */
  readonly metrics: InstanceMetrics;
  private readonly guard: IncarnationGuard;
  private readonly shipper: LogShipper;
  private stopped = false;

  private constructor(
    readonly nc: NatsConnection,
    readonly options: MessagingOptions,
    readonly logger: AppLogger,
  ) {
    this.metrics = new InstanceMetrics(options.service, options.instanceId);
    this.registry = new ServiceRegistry(nc, options);
    this.config = new ClusterConfigStore(nc, options.prefix);
    this.breakers = new InstanceBreakers(options.breakerThreshold, options.breakerCooldownMs);
    this.balancer = new LoadBalancer(this.registry, this.config, this.breakers);
    // One batch for the client's requests and the server's replies: all of a loop turn's sends, one write.
    const sends = new NatsSendBatch(options.sendBatching);
    this.client = new RpcClient(nc, options, this.registry, this.balancer, this.stats, this.metrics, sends);
    this.heartbeat = new HeartbeatPublisher(nc, options, this.stats);
    this.guard = new IncarnationGuard(
      nc,
      options,
      { bootId: options.bootId, startedAt: this.heartbeat.startedAt },
      (duplicate) => void this.yieldTo(duplicate),
    );
    this.faults = new FaultInjector(this.config, options, Date.now(), (fault) => {
      logger.write('error', `Crashing on injected fault ${fault.id} (by ${fault.createdBy})`, {
        context: 'FaultInjector',
      });
      this.shipper.flush();
      void nc.flush().finally(() => process.exit(137));
    });
    this.server = new RpcServer(nc, options, this.stats, this.faults, logger, this.metrics, sends);
    registerMessagingMetrics(this.metrics, this.stats, this.breakers);
    this.broadcasts = new BroadcastBus(nc, options.prefix, logger);
    this.shipper = new LogShipper(nc, options.prefix, options.service);
    this.breakers.onChange((instanceId, state) =>
      logger.write(state === 'open' ? 'warn' : 'info', `Circuit breaker for ${instanceId} is ${state}`, {
        context: 'Breaker',
      }),
    );
  }

  /** Connects to NATS, loads the cluster configuration and starts listening to heartbeats. */
  static async connect(options: MessagingOptions, logger: AppLogger): Promise<MessagingRuntime> {
    const nc = await connectNats({ servers: options.natsUrl, name: options.instanceId });
    const runtime = new MessagingRuntime(nc, options, logger);
    logger.addSink(runtime.shipper.sink);
    runtime.guard.start();
    runtime.registry.start();
    await runtime.config.start();
    runtime.faults.checkCrash();
    runtime.registerPlatformHandlers();
    return runtime;
  }

  private registerPlatformHandlers(): void {
    const platform = platformContract(this.options.service);
    this.server.register(platform.info, () => ({
      service: this.options.service,
      instanceId: this.options.instanceId,
      pid: process.pid,
      version: this.options.version,
      startedAt: this.heartbeat.startedAt,
    }));
    this.server.register(platform.echo, (req, ctx) => ({
      message: (req as EchoRequest)?.message ?? '',
      instanceId: this.options.instanceId,
      correlationId: ctx.correlationId,
    }));
    this.server.register(platform.configRevision, () => {
      const { revision, config } = this.config.current();
      return { instanceId: this.options.instanceId, revision, updatedAt: config.updatedAt };
    });
  }

  /**
   * Starts serving and beating (first heartbeat at once). Balancers pick only `ready` instances, so a Nest app
   * starts as `starting` and `bootstrapService` calls `markReady()` once every bootstrap hook has run.
   *
   * First it makes sure no other process serves this instance id (it listens to the id's heartbeats for two
   * periods from `connect` on): if one does, this process never serves; it says which process that is and
   * exits with DUPLICATE_INSTANCE_EXIT_CODE (the returned promise then never settles).
   */
  async start(state: InstanceState = 'ready'): Promise<void> {
    const duplicate = await this.guard.check();
    if (duplicate) return this.yieldTo(duplicate);
    this.server.listen();
    this.heartbeat.start(state);
  }

  /**
   * Another process serves this instance id: say which, leave (as this incarnation only, so callers keep the
   * other one) and exit with DUPLICATE_INSTANCE_EXIT_CODE, which a supervisor reports instead of restarting.
   */
  private async yieldTo(duplicate: DuplicateInstanceError): Promise<never> {
    this.logger.write('error', duplicate.message, { context: 'Identity' });
    // Leave, stop serving and flush the log within a second; exit within three in any case.
    setTimeout(() => process.exit(DUPLICATE_INSTANCE_EXIT_CODE), 3000);
    await this.stop('another process serves this instance id', 1000).catch(() => undefined);
    process.exit(DUPLICATE_INSTANCE_EXIT_CODE);
  }

  /** Announces the instance as ready to take requests (a heartbeat goes out at once). */
  markReady(): void {
    this.heartbeat.setState('ready');
  }

  /**
   * Graceful shutdown: announce the departure so callers drop this instance at once, stop taking
   * requests, let in-flight ones finish (up to `graceMs`), then drain and close the connection.
   */
  async stop(reason = 'shutdown', graceMs = 5000): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.heartbeat.leave(reason).catch(() => undefined);
    this.server.stop();
    const until = Date.now() + graceMs;
    while (this.stats.inFlight > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    this.shipper.flush();
    this.broadcasts.stop();
    this.config.stop();
    this.registry.stop();
    this.guard.stop();
    if (!this.nc.isClosed()) await this.nc.drain().catch(() => this.nc.close());
  }
}
