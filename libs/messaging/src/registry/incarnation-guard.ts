import { NatsConnection, Subscription } from '@nats-io/transport-node';
import { InstanceHeartbeat, Subjects } from '@shop/contracts';
import { decodeJson } from '../codec';
import { MessagingOptions } from '../messaging.options';
import { DuplicateInstanceError, Incarnation, keepsServing } from './incarnation';

/** How many heartbeat periods a process listens for its own id before it serves. */
const LISTEN_PERIODS = 2;

/**
 * Keeps one process at a time serving an instance id. From `start()` on it hears every heartbeat sent under
 * this process's id. Before serving, `check()` waits until it has listened for two heartbeat periods and
 * names the other process if one beat meanwhile. While serving, a heartbeat of another incarnation that keeps
 * serving by `keepsServing` (it started first) calls `onDuplicate`: the one already serving never yields to
 * a newcomer, and of two that started together exactly one yields.
 */
export class IncarnationGuard {
  private sub?: Subscription;
  private listeningSince = 0;
  private lastOther?: { heartbeat: InstanceHeartbeat; at: number };
  private serving = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly options: Pick<MessagingOptions, 'prefix' | 'instanceId' | 'heartbeatMs'>,
    private readonly self: Incarnation,
    private readonly onDuplicate: (error: DuplicateInstanceError) => void,
  ) {}

  start(now = Date.now()): void {
    this.listeningSince = now;
    this.sub = this.nc.subscribe(Subjects.heartbeatsOf(this.options.prefix, this.options.instanceId), {
      callback: (err, msg) => {
        if (err) return;
        try {
          this.onHeartbeat(decodeJson<InstanceHeartbeat>(msg.data));
        } catch {
          // Not a heartbeat: nothing to compare.
        }
      },
    });
  }

  stop(): void {
    this.sub?.unsubscribe();
  }

  onHeartbeat(hb: InstanceHeartbeat, now = Date.now()): void {
    if (hb.bootId === this.self.bootId) return; // our own, echoed back
    this.lastOther = { heartbeat: hb, at: now };
    if (this.serving && !keepsServing(this.self, hb))
      this.onDuplicate(new DuplicateInstanceError(this.options.prefix, hb));
  }

  /**
   * Resolves once this process may serve its id (and from then on watches for duplicates), or with the
   * error naming the process that already serves it.
   */
  async check(): Promise<DuplicateInstanceError | undefined> {
    const listenMs = LISTEN_PERIODS * this.options.heartbeatMs;
    const wait = this.listeningSince + listenMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    return this.verdict();
  }

  /** The decision of `check()` once the listening time is over (separate for tests). */
  verdict(now = Date.now()): DuplicateInstanceError | undefined {
    const other = this.lastOther;
    if (other && now - other.at <= LISTEN_PERIODS * this.options.heartbeatMs)
      return new DuplicateInstanceError(this.options.prefix, other.heartbeat);
    this.serving = true;
    return undefined;
  }
}
