import { Injectable } from '@nestjs/common';
import { QueueMetricsDto } from '@shop/contracts';
import { ClusterConfigStore, InjectMessagingOptions, MessagingOptions } from '@shop/messaging';
import { PriorityQueueRepository } from './priority-queue.repository';
import { QueueWorkersService } from './queue-workers.service';

@Injectable()
export class QueueMetricsService {
  constructor(
    private readonly queue: PriorityQueueRepository,
    private readonly workers: QueueWorkersService,
    private readonly cluster: ClusterConfigStore,
    @InjectMessagingOptions() private readonly options: MessagingOptions,
  ) {}

  async metrics(): Promise<QueueMetricsDto> {
    const queues = (await this.queue.metrics()).map((q) => ({
      ...q,
      ratePerSecond: Math.round((q.completedLastMinute / 60) * 100) / 100,
    }));
    return {
      queues,
      weights: { ...this.cluster.current().config.priority },
      fulfilmentMs: this.workers.slots.fulfilmentMs,
      workers: {
        instanceId: this.options.instanceId,
        vipDedicated: this.workers.slots.vipWorkers,
        shared: this.workers.slots.sharedWorkers,
        busy: this.workers.busy,
      },
      at: new Date().toISOString(),
    };
  }
}
