import { hostname } from 'node:os';
import { NatsConnection, Subscription } from '@nats-io/transport-node';
import { InstanceHeartbeat, Subjects } from '@shop/contracts';
import { decodeJson } from '@shop/messaging';

/**
 * Listens to the instances' heartbeats, like any caller does, to tell when every expected instance is
 * ready, and when a restarted one is back (a heartbeat with a new pid). It also remembers the last heartbeat
 * of every process of this machine by pid, so the supervisor can announce the departure of exactly that
 * incarnation when the process ends.
 */
export class ReadinessWatcher {
  private readonly pids = new Map<string, number>();
  private readonly byPid = new Map<number, InstanceHeartbeat>();
  private readonly host = hostname();
  private sub?: Subscription;
  private allReadyFired = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly prefix: string,
    private readonly expected: Set<string>,
    private readonly onAllReady: () => void,
    private readonly onBack: (instanceId: string, pid: number) => void,
  ) {}

  start(): void {
    this.sub = this.nc.subscribe(`${Subjects.registryAll(this.prefix)}`, {
      callback: (err, msg) => {
        if (err || !msg.subject.includes('.heartbeat.')) return;
        const hb = decodeJson<InstanceHeartbeat>(msg.data);
        if (!this.expected.has(hb.instanceId)) return;
        if (hb.host === this.host) this.byPid.set(hb.pid, hb);
        if (hb.state !== 'ready') return;
        const known = this.pids.get(hb.instanceId);
        this.pids.set(hb.instanceId, hb.pid);
        if (known !== undefined && known !== hb.pid && this.allReadyFired) this.onBack(hb.instanceId, hb.pid);
        if (!this.allReadyFired && this.pids.size === this.expected.size) {
          this.allReadyFired = true;
          this.onAllReady();
        }
      },
    });
  }

  /** The last heartbeat of the local process `pid`, forgotten once taken (the process has ended). */
  takeHeartbeatOf(pid: number): InstanceHeartbeat | undefined {
    const hb = this.byPid.get(pid);
    this.byPid.delete(pid);
    return hb;
  }

  /** An instance started after the first ones (scaled up): its heartbeats count from now on. */
  expect(instanceId: string): void {
    this.expected.add(instanceId);
  }

  /** An instance stopped for good (scaled down). */
  forget(instanceId: string): void {
    this.expected.delete(instanceId);
    this.pids.delete(instanceId);
  }

  missing(): string[] {
    return [...this.expected].filter((id) => !this.pids.has(id));
  }

  stop(): void {
    this.sub?.unsubscribe();
  }
}
