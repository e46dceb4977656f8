import { NatsConnection, Subscription } from '@nats-io/transport-node';
import { InstanceHeartbeat, InstanceLeave, ServiceName, Subjects } from '@shop/contracts';
import { decodeJson } from '../codec';
import { MessagingOptions } from '../messaging.options';

export type Liveness = 'alive' | 'suspect' | 'down';

/** One instance as this process sees it. */
export interface KnownInstance {
  heartbeat: InstanceHeartbeat;
  /** Local monotonic-ish time (Date.now()) of the last heartbeat received. */
  lastSeen: number;
  /** Set when the instance announced a graceful departure. */
  left: boolean;
}

/** Instances silent for this long are forgotten entirely (they stay listed as down until then). */
const FORGET_AFTER_MS = 60_000;
const NONE: readonly KnownInstance[] = [];

function byInstanceId(a: KnownInstance, b: KnownInstance): number {
  const x = a.heartbeat.instanceId;
  const y = b.heartbeat.instanceId;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * A registry without a registry server: every process listens to every heartbeat and keeps its own view.
 * An instance is suspect after `suspectAfterMs` of silence and down after `downAfterMs`.
 */
export class ServiceRegistry {
  private readonly instances = new Map<string, KnownInstance>();
  /**
   * Each service's instances sorted by id, rebuilt only when an instance id appears or is forgotten: the
   * balancer reads this on every request, and heartbeats update the entries in place.
   */
  private byService = new Map<ServiceName, KnownInstance[]>();
  private readonly heardFrom = new Set<ServiceName>();
  private sub?: Subscription;

  constructor(
    private readonly nc: NatsConnection,
    private readonly options: Pick<MessagingOptions, 'prefix' | 'suspectAfterMs' | 'downAfterMs'>,
  ) {}

  start(): void {
    this.sub = this.nc.subscribe(Subjects.registryAll(this.options.prefix), {
      callback: (err, msg) => {
        if (err) return;
        try {
          if (msg.subject.includes('.registry.heartbeat.'))
            this.onHeartbeat(decodeJson<InstanceHeartbeat>(msg.data));
          else if (msg.subject.includes('.registry.leave.'))
            this.onLeave(decodeJson<InstanceLeave>(msg.data));
        } catch {
          // A malformed heartbeat is ignored: it cannot be attributed to an instance.
        }
      },
    });
  }

  stop(): void {
    this.sub?.unsubscribe();
  }

  onHeartbeat(hb: InstanceHeartbeat, now = Date.now()): void {
    const known = this.instances.get(hb.instanceId);
    // A heartbeat from an earlier run of a restarted instance id must not overwrite the newer run.
    if (known && !known.left && known.heartbeat.startedAt > hb.startedAt) return;
    if (known && known.heartbeat.service === hb.service) {
      known.heartbeat = hb;
      known.lastSeen = now;
      known.left = false;
    } else {
      this.instances.set(hb.instanceId, { heartbeat: hb, lastSeen: now, left: false });
      this.reindex();
    }
    this.heardFrom.add(hb.service);
  }

  onLeave(leave: InstanceLeave): void {
    const known = this.instances.get(leave.instanceId);
    if (known) known.left = true;
  }

  liveness(instance: KnownInstance, now = Date.now()): Liveness {
    if (instance.left) return 'down';
    const silence = now - instance.lastSeen;
    if (silence > this.options.downAfterMs) return 'down';
    if (silence > this.options.suspectAfterMs) return 'suspect';
    return 'alive';
  }

  /**
   * The instances of one service known to this process, down ones included, sorted by id: a shared array
   * that must not be changed (the balancer's per-request read; `list` gives a copy).
   */
  members(service: ServiceName, now = Date.now()): readonly KnownInstance[] {
    const members = this.byService.get(service) ?? NONE;
    for (const inst of members) {
      if (now - inst.lastSeen > FORGET_AFTER_MS) {
        this.forgetSilent(now);
        return this.byService.get(service) ?? NONE;
      }
    }
    return members;
  }

  /** Every instance of a service (or of all) known to this process, down ones included (for the monitor). */
  list(service?: ServiceName, now = Date.now()): KnownInstance[] {
    if (service) return [...this.members(service, now)];
    this.forgetSilent(now);
    return [...this.instances.values()].sort(byInstanceId);
  }

  private forgetSilent(now: number): void {
    let forgot = false;
    for (const [id, inst] of this.instances) {
      if (now - inst.lastSeen > FORGET_AFTER_MS) {
        this.instances.delete(id);
        forgot = true;
      }
    }
    if (forgot) this.reindex();
  }

  private reindex(): void {
    const byService = new Map<ServiceName, KnownInstance[]>();
    for (const inst of [...this.instances.values()].sort(byInstanceId)) {
      const members = byService.get(inst.heartbeat.service);
      if (members) members.push(inst);
      else byService.set(inst.heartbeat.service, [inst]);
    }
    this.byService = byService;
  }

  get(instanceId: string): KnownInstance | undefined {
    return this.instances.get(instanceId);
  }

  /** True once any heartbeat of the service has been received by this process. */
  hasHeardFrom(service: ServiceName): boolean {
    return this.heardFrom.has(service);
  }
}
