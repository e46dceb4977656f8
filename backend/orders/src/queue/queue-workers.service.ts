import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { OrderPriority } from '@shop/contracts';
import { AppLogger, RequestContext } from '@shop/common';
import { ClusterConfigStore, InjectMessagingOptions, MessagingOptions, OnBroadcast } from '@shop/messaging';
import { OutboxKicker } from '@shop/persistence';
import { OrdersEnv, queueLeaseMs } from '../config/orders.env';
import { OrderQueued } from './order-queued.broadcast';
import { ClaimedOrder, PriorityQueueRepository } from './priority-queue.repository';
import { WeightedPicker } from './weighted-picker';
import { QueueMetrics } from './queue.metrics';

type SlotKind = 'vip' | 'shared';

/**
 * The fulfilment workers of this instance. One dispatcher claims orders while there is free capacity and
 * runs each fulfilment as its own task: QUEUE_VIP_WORKERS slots take VIP orders only (so a VIP order never waits
 * behind a normal backlog) and QUEUE_SHARED_WORKERS slots serve both queues by the cluster's priority weights (read
 * on every pick, so a change applies at once; strict mode serves normal orders only when no VIP order waits).
 * The dispatcher sleeps while every slot is busy or both queues are empty, and wakes on a finished fulfilment,
 * an OrderQueued broadcast, or the poll interval.
 */
@Injectable()
export class QueueWorkersService implements OnApplicationBootstrap, OnModuleDestroy {
  private running = false;
  private readonly picker = new WeightedPicker();
  private wake?: () => void;
  private woken = false;
  private loop?: Promise<void>;
  private readonly tasks = new Set<Promise<void>>();
  private readonly inUse: Record<SlotKind, number> = { vip: 0, shared: 0 };
  private readonly settings: {
    vipWorkers: number;
    sharedWorkers: number;
    pollMs: number;
    leaseMs: number;
    fulfilmentMs: number;
  };

  constructor(
    private readonly queue: PriorityQueueRepository,
    private readonly cluster: ClusterConfigStore,
    private readonly outbox: OutboxKicker,
    private readonly logger: AppLogger,
    @InjectMessagingOptions() private readonly options: MessagingOptions,
    config: ConfigService<OrdersEnv, true>,
    private readonly metrics: QueueMetrics,
  ) {
    const fulfilmentMs = config.get('ORDER_FULFILMENT_MS', { infer: true });
    this.settings = {
      vipWorkers: config.get('QUEUE_VIP_WORKERS', { infer: true }),
      sharedWorkers: config.get('QUEUE_SHARED_WORKERS', { infer: true }),
      pollMs: config.get('QUEUE_POLL_MS', { infer: true }),
      leaseMs: queueLeaseMs({
        QUEUE_LEASE_MS: config.get('QUEUE_LEASE_MS', { infer: true }),
        ORDER_FULFILMENT_MS: fulfilmentMs,
      }),
      fulfilmentMs,
    };
  }

  /** The fulfilment settings of this instance (the queue metrics report them). */
  get slots() {
    return this.settings;
  }

  get busy(): number {
    return this.inUse.vip + this.inUse.shared;
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.dispatch();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.wakeUp();
    await this.loop;
    await Promise.all([...this.tasks]);
  }

  @OnBroadcast(OrderQueued)
  onOrderQueued(_payload: { orderId: string; priority: OrderPriority }, _ctx: RequestContext): void {
    this.wakeUp();
  }

  wakeUp(): void {
    this.woken = true;
    this.wake?.();
  }

  private async dispatch(): Promise<void> {
    // Queues found empty since the last wake-up are not asked again until something changes.
    let empty = { vip: false, normal: false };
    while (this.running) {
      if (this.woken) {
        this.woken = false;
        empty = { vip: false, normal: false };
      }
      try {
        const next = await this.claimNext(empty);
        if (next) {
          this.start(next.kind, next.claimed);
          continue;
        }
      } catch (err) {
        this.logger.write('warn', `Queue dispatcher failed, retrying: ${(err as Error).message}`, {
          context: 'QueueWorkers',
        });
        await this.sleep(1000);
        continue;
      }
      await this.sleep(this.settings.pollMs);
      empty = { vip: false, normal: false };
    }
  }

  /** Claims the next order for a free slot, or undefined when no slot is free or no order fits. */
  private async claimNext(empty: {
    vip: boolean;
    normal: boolean;
  }): Promise<{ kind: SlotKind; claimed: ClaimedOrder } | undefined> {
    if (this.inUse.vip < this.settings.vipWorkers && !empty.vip) {
      const claimed = await this.claim('vip', empty);
      if (claimed) return { kind: 'vip', claimed };
    }
    if (this.inUse.shared < this.settings.sharedWorkers) {
      for (const priority of this.picker.order(this.cluster.current().config.priority)) {
        if (empty[priority]) continue;
        const claimed = await this.claim(priority, empty);
        if (claimed) return { kind: 'shared', claimed };
      }
    }
    return undefined;
  }

  private async claim(
    priority: OrderPriority,
    empty: { vip: boolean; normal: boolean },
  ): Promise<ClaimedOrder | undefined> {
    const claimed = await this.queue.claim(priority, this.options.instanceId, this.settings.leaseMs);
    if (!claimed) empty[priority] = true;
    else this.metrics.observeWait(priority, claimed.waitMs);
    return claimed;
  }

  private start(kind: SlotKind, claimed: ClaimedOrder): void {
    this.inUse[kind]++;
    const task = this.fulfil(claimed).finally(() => {
      this.inUse[kind]--;
      this.tasks.delete(task);
      this.wakeUp();
    });
    this.tasks.add(task);
  }

  private async fulfil(claimed: ClaimedOrder): Promise<void> {
    const worker = this.options.instanceId;
    try {
      const order = await this.queue.startProcessing(claimed, worker);
      if (!order) throw new Error('it is not a confirmed order');
      this.outbox.kick();
      await delay(this.settings.fulfilmentMs);
      await this.queue.complete(claimed, worker);
      this.outbox.kick();
    } catch (err) {
      // The queue row keeps its lease; when it runs out, any worker takes the order again.
      this.logger.write('warn', `Fulfilment of ${claimed.orderId} failed: ${(err as Error).message}`, {
        context: 'QueueWorkers',
      });
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
