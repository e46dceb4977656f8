import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Seconds buckets of the RPC latency histograms: 1 ms to 10 s. */
export const RPC_SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What an RPC answer was: `ok`, or the error code it carried (a bounded set, from libs/contracts). */
export type RpcOutcome = string;

/**
 * The Prometheus registry of one instance (prom-client), every series labelled with its service and instance
 * id, plus the metrics of the messaging layer itself: RPC latency by method and outcome (served and sent).
 * Services add their own metrics to `registry` (see `gauge`, `counter`, `histogram`).
 */
export class InstanceMetrics {
  readonly registry = new Registry();
  private readonly served: Histogram<'method' | 'outcome'>;
  private readonly sent: Histogram<'method' | 'outcome'>;

  constructor(service: string, instanceId: string) {
    this.registry.setDefaultLabels({ service, instance_id: instanceId });
    // Process metrics (CPU, memory, handles, GC, event-loop delay). The event-loop delay monitor samples every
    // 100 ms: prom-client's default of 10 ms would wake every idle instance 100 times a second.
    collectDefaultMetrics({ register: this.registry, prefix: 'shop_', eventLoopMonitoringPrecision: 100 });
    this.served = this.histogram({
      name: 'shop_rpc_server_duration_seconds',
      help: 'Time this instance took to answer an RPC, by method and outcome (ok or the error code)',
      labelNames: ['method', 'outcome'],
      buckets: RPC_SECONDS_BUCKETS,
    });
    this.sent = this.histogram({
      name: 'shop_rpc_client_duration_seconds',
      help: 'Time an RPC this instance sent took to be answered, by method and outcome (ok or the error code)',
      labelNames: ['method', 'outcome'],
      buckets: RPC_SECONDS_BUCKETS,
    });
  }

  /** One served RPC: `method` is `<service>.<action>`. */
  observeServed(method: string, outcome: RpcOutcome, seconds: number): void {
    this.served.observe({ method, outcome }, seconds);
  }

  /** One sent RPC, answered or failed. */
  observeSent(method: string, outcome: RpcOutcome, seconds: number): void {
    this.sent.observe({ method, outcome }, seconds);
  }

  gauge<L extends string>(config: ConstructorParameters<typeof Gauge<L>>[0]): Gauge<L> {
    return new Gauge<L>({ ...config, registers: [this.registry] });
  }

  counter<L extends string>(config: ConstructorParameters<typeof Counter<L>>[0]): Counter<L> {
    return new Counter<L>({ ...config, registers: [this.registry] });
  }

  histogram<L extends string>(config: ConstructorParameters<typeof Histogram<L>>[0]): Histogram<L> {
    return new Histogram<L>({ ...config, registers: [this.registry] });
  }

  /** The Prometheus text exposition of every metric. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
