import { Injectable, inject, signal } from '@angular/core';
import { QueueMetricsStream } from './queue-metrics-stream';
import { EMPTY_QUEUE_HISTORY, addQueueSample } from './queue-history';

/** The priority queues over time, recorded from every sample while the queue stream is open. */
@Injectable({ providedIn: 'root' })
export class QueueHistoryRecorder {
  readonly history = signal(EMPTY_QUEUE_HISTORY);

  constructor() {
    inject(QueueMetricsStream).values$.subscribe((metrics) =>
      this.history.update((history) => addQueueSample(history, metrics)),
    );
  }
}
