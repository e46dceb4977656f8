import { NatsConnection } from '@nats-io/transport-node';
import { InstanceHeartbeat, InstanceLeave, InstanceState, Subjects } from '@shop/contracts';
import { encodeJson } from '../codec';
import { MessagingOptions } from '../messaging.options';
import { InstanceStats } from './instance-stats';

/** Publishes this instance's heartbeat every `heartbeatMs`, and its departure on graceful shutdown. */
export class HeartbeatPublisher {
  private timer?: NodeJS.Timeout;
  private seq = 0;
  private state: InstanceState = 'starting';
  readonly startedAt = new Date().toISOString();
  healthPort?: number;

  constructor(
    private readonly nc: NatsConnection,
    private readonly options: MessagingOptions,
    private readonly stats: InstanceStats,
  ) {}

  /** Starts beating; the first heartbeat goes out at once so callers add the instance within one period. */
  start(state: InstanceState = 'ready'): void {
    this.state = state;
    this.beat();
    this.timer ??= setInterval(() => this.beat(), this.options.heartbeatMs);
    this.timer.unref();
  }

  setState(state: InstanceState): void {
    this.state = state;
    this.beat();
  }

  current(): InstanceHeartbeat {
    const { p50, p99 } = this.stats.latencyPercentiles();
    return {
      service: this.options.service,
      instanceId: this.options.instanceId,
      bootId: this.options.bootId,
      pid: process.pid,
      host: this.options.host,
      version: this.options.version,
      startedAt: this.startedAt,
      sentAt: new Date().toISOString(),
      seq: this.seq,
      state: this.state,
      inFlight: this.stats.inFlight,
      served: this.stats.served,
      failed: this.stats.failed,
      latencyP50Ms: p50,
      latencyP99Ms: p99,
      hedged: this.stats.hedged,
      resent: this.stats.resent,
      rssBytes: process.memoryUsage.rss(),
      healthPort: this.healthPort,
    };
  }

  private beat(): void {
    if (this.nc.isClosed()) return;
    this.seq++;
    const { prefix, service, instanceId } = this.options;
    this.nc.publish(Subjects.heartbeat(prefix, service, instanceId), encodeJson(this.current()));
  }

  /** Stops beating and tells every caller to drop this instance now. */
  async leave(reason: string): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.nc.isClosed()) return;
    const { prefix, service, instanceId, bootId } = this.options;
    const leave: InstanceLeave = { service, instanceId, bootId, reason };
    this.nc.publish(Subjects.leave(prefix, service, instanceId), encodeJson(leave));
    await this.nc.flush();
  }
}
