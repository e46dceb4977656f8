import {
  BeforeApplicationShutdown,
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { BroadcastDef, RpcMethod, ServiceName } from '@shop/contracts';
import { AppLogger, InstanceEnv, RequestContext, configModule, instanceEnv, readConfig } from '@shop/common';
import type { z } from 'zod';
import { LoadBalancer } from './balancer/load-balancer';
import { BroadcastBus } from './broadcast-bus';
import { ClusterConfigStore } from './config/cluster-config.store';
import { MESSAGING_OPTIONS, MessagingOptions, messagingOptionsFrom } from './messaging.options';
import { MessagingRuntime } from './messaging-runtime';
import { InstanceMetrics } from './metrics/instance-metrics';
import { ServiceRegistry } from './registry/service-registry';
import { BROADCAST_HANDLER, RPC_HANDLER } from './rpc/rpc-handler.decorator';
import { RpcClient } from './rpc/rpc-client';

/** Finds `@RpcHandler` and `@OnBroadcast` methods, binds them, and starts/stops the runtime with the app. */
@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly runtime: MessagingRuntime,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || wrapper.isNotMetatype) continue;
      const proto = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(proto)) {
        const fn = instance[name] as (...args: unknown[]) => unknown;
        const method = this.reflector.get<RpcMethod<unknown, unknown> | undefined>(RPC_HANDLER, fn);
        if (method)
          this.runtime.server.register(method, (req, ctx: RequestContext) => fn.call(instance, req, ctx));
        const bcast = this.reflector.get<BroadcastDef<unknown> | undefined>(BROADCAST_HANDLER, fn);
        if (bcast) this.runtime.broadcasts.subscribe(bcast, (p, ctx) => fn.call(instance, p, ctx));
      }
    }
    // Other modules' bootstrap hooks (seeding, consumers) may run after this one: take no balanced traffic
    // until bootstrapService has finished start-up and calls markReady().
    await this.runtime.start('starting');
    this.runtime.logger.write('info', `Serving ${this.runtime.server.actions().join(', ')}`, {
      context: 'Messaging',
    });
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    await this.runtime.stop(signal ?? 'shutdown');
  }
}

export interface MessagingModuleOptions {
  /**
   * The service's configuration schema: `instanceEnv` (the default) or `instanceEnv.extend({ … })` with the
   * service's own variables. It is checked once, when the application is built; `ConfigService` then answers
   * its variables everywhere in the application.
   */
  env?: z.ZodType<InstanceEnv>;
  /** Settings that win over the configuration (tests). */
  overrides?: Partial<MessagingOptions>;
}

@Global()
@Module({})
export class MessagingModule {
  /**
   * Joins the cluster as an instance of `service`, with the configuration `options.env` validates (identity
   * and settings of the instance from `instanceEnv`'s variables). Nothing is read from the environment before
   * the application is built.
   */
  static forRoot(service: ServiceName, options: MessagingModuleOptions = {}): DynamicModule {
    const { env = instanceEnv, overrides = {} } = options;
    const fromRuntime = <T>(
      token: abstract new (...args: never[]) => T,
      pick: (rt: MessagingRuntime) => T,
    ) => ({
      provide: token,
      useFactory: pick,
      inject: [MessagingRuntime],
    });
    return {
      module: MessagingModule,
      imports: [DiscoveryModule, configModule(env)],
      providers: [
        {
          provide: MESSAGING_OPTIONS,
          useFactory: (config: ConfigService) =>
            messagingOptionsFrom(service, readConfig(config, instanceEnv), overrides),
          inject: [ConfigService],
        },
        {
          provide: AppLogger,
          useFactory: (opts: MessagingOptions, config: ConfigService<InstanceEnv, true>) =>
            new AppLogger(service, opts.instanceId, config.get('LOG_LEVEL', { infer: true })),
          inject: [MESSAGING_OPTIONS, ConfigService],
        },
        {
          provide: MessagingRuntime,
          useFactory: (opts: MessagingOptions, logger: AppLogger) => MessagingRuntime.connect(opts, logger),
          inject: [MESSAGING_OPTIONS, AppLogger],
        },
        fromRuntime(RpcClient, (rt) => rt.client),
        fromRuntime(ClusterConfigStore, (rt) => rt.config),
        fromRuntime(ServiceRegistry, (rt) => rt.registry),
        fromRuntime(BroadcastBus, (rt) => rt.broadcasts),
        fromRuntime(LoadBalancer, (rt) => rt.balancer),
        fromRuntime(InstanceMetrics, (rt) => rt.metrics),
        MessagingLifecycle,
      ],
      exports: [
        MESSAGING_OPTIONS,
        AppLogger,
        MessagingRuntime,
        RpcClient,
        ClusterConfigStore,
        ServiceRegistry,
        BroadcastBus,
        LoadBalancer,
        InstanceMetrics,
      ],
    };
  }
}

/** Injects the instance's messaging options. */
export const InjectMessagingOptions = () => Inject(MESSAGING_OPTIONS);
