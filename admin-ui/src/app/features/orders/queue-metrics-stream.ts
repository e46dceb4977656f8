import { Injectable } from '@angular/core';
import { LiveStreamPath, type QueueMetricsDto } from '@shop/contracts';
import { LiveFeed } from '../../core/live/live-feed';

function isQueueMetrics(value: unknown): value is QueueMetricsDto {
  const v = value as Partial<QueueMetricsDto> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    Array.isArray(v.queues) &&
    typeof v.at === 'string' &&
    typeof v.weights === 'object' &&
    typeof v.workers === 'object'
  );
}

/** Priority queue metrics from `GET /api/orders/queues/stream` (event "queues", once a second). */
@Injectable({ providedIn: 'root' })
export class QueueMetricsStream extends LiveFeed<QueueMetricsDto> {
  constructor() {
    super(LiveStreamPath.Queues, 'queues', isQueueMetrics);
  }
}
