import { Inject, Injectable } from '@nestjs/common';
import { QueueMetricsDto } from '@shop/contracts';
import { ClusterConfigStore, InjectMessagingOptions, MessagingOptions } from '@shop/messaging';
import { ORDERS_CONFIG, OrdersConfig } from '../config/orders.config';
import { PriorityQueueRepository } from './priority-queue.repository';
import { QueueWorkersService } from './queue-workers.service';

@Injectable()
export class QueueMetricsService {
  constructor(
    private readonly queue: PriorityQueueRepository,
    private readonly workers: QueueWorkersService,
    private readonly cluster: ClusterConfigStore,
    @InjectMessagingOptions() private readonly options: MessagingOptions,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
  ) {}

  async metrics(): Promise<QueueMetricsDto> {
    const queues = (await this.queue.metrics()).map((q) => ({
      ...q,
      ratePerSecond: Math.round((q.completedLastMinute / 60) * 100) / 100,
    }));
    return {
      queues,
      weights: { ...this.cluster.current().config.priority },
      fulfilmentMs: this.config.fulfilmentMs,
      workers: {
        instanceId: this.options.instanceId,
        vipDedicated: this.config.vipWorkers,
        shared: this.config.sharedWorkers,
        busy: this.workers.busy,
      },
      at: new Date().toISOString(),
    };
  }
}
