import { NatsConnection, Subscription, connect } from '@nats-io/transport-node';
import { InstanceHeartbeat, ServiceName, Subjects } from '@shop/contracts';
import { decodeJson } from '@shop/messaging';

export interface WatchedInstance {
  instanceId: string;
  service: ServiceName;
  pid: number;
  state: InstanceHeartbeat['state'];
  /** Epoch ms of the last heartbeat. */
  lastSeen: number;
}

/** A heartbeat older than this means the instance is not serving (the registry's own "suspect" is 1 s). */
const FRESH_MS = 1500;

/**
 * Follows the instances' heartbeats on the private NATS (`<prefix>.registry.>`), like every caller in the
 * cluster does: which process serves as which instance (the pid a kill is sent to), whether it is ready,
 * and every pid ever seen (checked for orphans at the end).
 */
export class ClusterWatch {
  private readonly instances = new Map<string, WatchedInstance>();
  readonly pidsSeen = new Set<number>();
  private sub?: Subscription;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly prefix: string,
  ) {}

  static async start(natsUrl: string, prefix: string): Promise<ClusterWatch> {
    // Reconnects forever: the run restarts this NATS server on purpose.
    const nc = await connect({
      servers: natsUrl,
      name: 'chaos-watch',
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
    });
    const watch = new ClusterWatch(nc, prefix);
    watch.sub = nc.subscribe(Subjects.registryAll(prefix), {
      callback: (err, msg) => {
        if (err) return;
        if (msg.subject.includes('.heartbeat.')) watch.onHeartbeat(decodeJson<InstanceHeartbeat>(msg.data));
        else if (msg.subject.includes('.leave.')) watch.instances.delete(msg.subject.split('.').pop() ?? '');
      },
    });
    return watch;
  }

  get connection(): NatsConnection {
    return this.nc;
  }

  private onHeartbeat(hb: InstanceHeartbeat): void {
    this.pidsSeen.add(hb.pid);
    this.instances.set(hb.instanceId, {
      instanceId: hb.instanceId,
      service: hb.service,
      pid: hb.pid,
      state: hb.state,
      lastSeen: Date.now(),
    });
  }

  get(instanceId: string): WatchedInstance | undefined {
    return this.instances.get(instanceId);
  }

  /** Ready and heard from within the last 1.5 s. */
  isServing(instanceId: string): boolean {
    const i = this.instances.get(instanceId);
    return !!i && i.state === 'ready' && Date.now() - i.lastSeen < FRESH_MS;
  }

  /** The serving instances of a service. */
  serving(service: ServiceName): WatchedInstance[] {
    return [...this.instances.values()].filter((i) => i.service === service && this.isServing(i.instanceId));
  }

  /** Resolves true once every id is serving, false after `timeoutMs`. */
  async waitServing(ids: readonly string[], timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (ids.every((id) => this.isServing(id))) return true;
      await new Promise((r) => setTimeout(r, 250));
    }
    return false;
  }

  /** Ids not serving right now, of those given. */
  missing(ids: readonly string[]): string[] {
    return ids.filter((id) => !this.isServing(id));
  }

  /** Resolves with the new pid once `instanceId` serves from a process other than `oldPid`. */
  async waitReplaced(instanceId: string, oldPid: number, timeoutMs: number): Promise<number | undefined> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const i = this.instances.get(instanceId);
      if (i && i.pid !== oldPid && this.isServing(instanceId)) return i.pid;
      await new Promise((r) => setTimeout(r, 200));
    }
    return undefined;
  }

  async stop(): Promise<void> {
    this.sub?.unsubscribe();
    await this.nc.close().catch(() => undefined);
  }
}
