import { NatsConnection, Subscription } from '@nats-io/transport-node';
import { InstanceHeartbeat, InstanceLeave, ServiceName, Subjects } from '@shop/contracts';
import { decodeJson } from '../codec';
import { MessagingOptions } from '../messaging.options';
import { keepsServing } from './incarnation';

export type Liveness = 'alive' | 'suspect' | 'down';

/** One instance (its current incarnation) as this process sees it. */
export interface KnownInstance {
  heartbeat: InstanceHeartbeat;
  /** Local monotonic-ish time (Date.now()) of the last heartbeat received. */
  lastSeen: number;
  /** Set when this incarnation announced its departure (or its supervisor did). */
  left: boolean;
  /** Set when NATS found nobody listening on the instance's subjects; its next heartbeat clears it. */
  unreachable: boolean;
  /** Set once the `onLost` listeners were told about this incarnation. */
  reportedLost: boolean;
}

/** Called with the id of an instance that will answer nothing more of what it was sent. */
export type LostListener = (instanceId: string) => void;

/** Instances silent for this long are forgotten entirely (they stay listed as down until then). */
const FORGET_AFTER_MS = 60_000;
/** Boot ids of departed incarnations remembered, so their late heartbeats cannot bring them back. */
const DEPARTED_KEPT = 1000;

function byInstanceId(a: KnownInstance, b: KnownInstance): number {
  const x = a.heartbeat.instanceId;
  const y = b.heartbeat.instanceId;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * A registry without a registry server: every process listens to every heartbeat and keeps its own view.
 * An instance is suspect after `suspectAfterMs` of silence and down after `downAfterMs`.
 *
 * State is kept per incarnation (instance id + boot id): a departure applies to the incarnation it names
 * only, and of two processes beating under one id the registry follows the one that keeps serving
 * (`keepsServing`), so a duplicate or a restarted run can never mark the live instance down.
 */
export class ServiceRegistry {
  private readonly instances = new Map<string, KnownInstance>();
  private readonly heardFrom = new Set<ServiceName>();
  /** Boot ids of incarnations that left, oldest first. */
  private readonly departed = new Set<string>();
  private readonly lostListeners: LostListener[] = [];
  private sub?: Subscription;
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly nc: NatsConnection,
    private readonly options: Pick<MessagingOptions, 'prefix' | 'suspectAfterMs' | 'downAfterMs'>,
  ) {}

  /**
   * Tells `listener` when an instance is lost: its supervisor announced that the process ended, NATS found
   * nobody listening on its subjects, or it stayed silent for `downAfterMs`. (A graceful departure is not a
   * loss: the instance still answers what it received.)
   */
  onLost(listener: LostListener): void {
    this.lostListeners.push(listener);
  }

  start(): void {
    // Silence is noticed by looking: often enough that a lost instance is reported soon after downAfterMs.
    this.sweeper = setInterval(() => this.sweep(), Math.max(20, Math.min(250, this.options.downAfterMs / 8)));
    this.sweeper.unref();
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
    clearInterval(this.sweeper);
  }

  onHeartbeat(hb: InstanceHeartbeat, now = Date.now()): void {
    if (this.departed.has(hb.bootId)) return; // a late heartbeat of a run that has left
    const known = this.instances.get(hb.instanceId);
    if (known && known.heartbeat.bootId === hb.bootId) {
      known.heartbeat = hb;
      known.lastSeen = now;
      known.unreachable = false;
      known.reportedLost = false;
    } else if (!known || this.liveness(known, now) === 'down' || keepsServing(hb, known.heartbeat)) {
      // A new instance, a restart after the old run went down, or the run a duplicate yields to.
      const entry = { heartbeat: hb, lastSeen: now, left: false, unreachable: false, reportedLost: false };
      this.instances.set(hb.instanceId, entry);
    } else return; // a duplicate of a live instance: it yields, callers keep the one serving
    this.heardFrom.add(hb.service);
  }

  onLeave(leave: InstanceLeave): void {
    if (!leave.bootId) return; // cannot tell which run of the id it means
    this.departed.add(leave.bootId);
    if (this.departed.size > DEPARTED_KEPT) this.departed.delete(this.departed.values().next().value!);
    const known = this.instances.get(leave.instanceId);
    if (!known || known.heartbeat.bootId !== leave.bootId) return;
    known.left = true;
    if (leave.exited) this.reportLost(known);
  }

  /**
   * NATS answered "no responders" for a request to this incarnation: its process has no subscription left
   * (it died, or lost its connection). Down until its next heartbeat says otherwise. A departed instance is
   * left alone: it still answers what it had received.
   */
  markUnreachable(instanceId: string, bootId: string): void {
    const known = this.instances.get(instanceId);
    if (!known || known.heartbeat.bootId !== bootId || known.left) return;
    known.unreachable = true;
    this.reportLost(known);
  }

  /** Reports every instance that has just gone silent for `downAfterMs` (the timer calls it). */
  sweep(now = Date.now()): void {
    for (const known of this.instances.values())
      if (!known.left && now - known.lastSeen > this.options.downAfterMs) this.reportLost(known);
  }

  private reportLost(known: KnownInstance): void {
    if (known.reportedLost) return;
    known.reportedLost = true;
    for (const listener of this.lostListeners) listener(known.heartbeat.instanceId);
  }

  liveness(instance: KnownInstance, now = Date.now()): Liveness {
    if (instance.left || instance.unreachable) return 'down';
    const silence = now - instance.lastSeen;
    if (silence > this.options.downAfterMs) return 'down';
    if (silence > this.options.suspectAfterMs) return 'suspect';
    return 'alive';
  }

  /** The instances of one service known to this process, down ones included, sorted by id. */
  members(service: ServiceName, now = Date.now()): KnownInstance[] {
    return this.list(service, now);
  }

  /** Every instance of a service (or of all) known to this process, down ones included, sorted by id. */
  list(service?: ServiceName, now = Date.now()): KnownInstance[] {
    for (const [id, inst] of this.instances)
      if (now - inst.lastSeen > FORGET_AFTER_MS) this.instances.delete(id);
    const known = [...this.instances.values()].sort(byInstanceId);
    return service ? known.filter((inst) => inst.heartbeat.service === service) : known;
  }

  get(instanceId: string): KnownInstance | undefined {
    return this.instances.get(instanceId);
  }

  /** True once any heartbeat of the service has been received by this process. */
  hasHeardFrom(service: ServiceName): boolean {
    return this.heardFrom.has(service);
  }
}
