import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { OrderPriority } from '@shop/contracts';
import { AppLogger, RequestContext } from '@shop/common';
import {
  ClusterConfigStore,
  InjectMessagingOptions,
  MessagingOptions,
  OnBroadcast,
  OutboxKicker,
} from '@shop/messaging';
import { ORDERS_CONFIG, OrdersConfig } from '../config/orders.config';
import { OrderQueued } from './order-queued.broadcast';
import { PriorityQueueRepository } from './priority-queue.repository';
import { WeightedPicker } from './weighted-picker';

type SlotKind = 'vip' | 'shared';

/**
 * The fulfilment workers of this instance: `vipWorkers` slots that only take VIP orders (so a VIP order
 * never waits behind a normal backlog) and `sharedWorkers` slots that serve both queues by the cluster's
 * priority weights (read on every pick, so a change applies at once). Idle slots sleep until an
 * OrderQueued broadcast or the poll interval.
 */
@Injectable()
export class QueueWorkersService implements OnApplicationBootstrap, OnModuleDestroy {
  private running = false;
  private readonly picker = new WeightedPicker();
  private readonly sleepers = new Set<() => void>();
  private readonly loops: Promise<void>[] = [];
  busy = 0;

  constructor(
    private readonly queue: PriorityQueueRepository,
    private readonly cluster: ClusterConfigStore,
    private readonly outbox: OutboxKicker,
    private readonly logger: AppLogger,
    @InjectMessagingOptions() private readonly options: MessagingOptions,
    @Inject(ORDERS_CONFIG) readonly config: OrdersConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    for (let i = 0; i < this.config.vipWorkers; i++) this.loops.push(this.runSlot('vip'));
    for (let i = 0; i < this.config.sharedWorkers; i++) this.loops.push(this.runSlot('shared'));
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.wakeAll();
    await Promise.all(this.loops);
  }

  @OnBroadcast(OrderQueued)
  onOrderQueued(_payload: { orderId: string; priority: OrderPriority }, _ctx: RequestContext): void {
    this.wakeAll();
  }

  wakeAll(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  private async runSlot(kind: SlotKind): Promise<void> {
    while (this.running) {
      try {
        const order: OrderPriority[] =
          kind === 'vip' ? ['vip'] : this.picker.order(this.cluster.current().config.priority);
        let claimed;
        for (const priority of order) {
          claimed = await this.queue.claim(priority, this.options.instanceId, this.config.queueLeaseMs);
          if (claimed) break;
        }
        if (!claimed) {
          await this.sleep(this.config.queuePollMs);
          continue;
        }
        this.busy++;
        try {
          this.outbox.kick();
          await delay(this.config.fulfilmentMs);
          await this.queue.complete(claimed.order.id, this.options.instanceId);
          this.outbox.kick();
        } finally {
          this.busy--;
        }
      } catch (err) {
        this.logger.write('warn', `Queue worker (${kind}) failed, retrying: ${(err as Error).message}`, {
          context: 'QueueWorkers',
        });
        await this.sleep(1000);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
