import { Injectable, computed, inject, signal } from '@angular/core';
import type { AdminOrderDetail, LogEntry, TimelineEntryDto } from '@shop/contracts';
import { toProblem } from '@shop/web';
import { ORDER_LOG_LIMIT, OrderDetailApi } from './order-detail-api';

/** Timeline steps that undo earlier ones (the saga's compensations). */
const COMPENSATION_STEPS: ReadonlySet<string> = new Set([
  'COMPENSATION_STARTED',
  'STOCK_RESTORED',
  'CART_RESTORED',
  'PAYMENT_VOIDED',
]);

export function isCompensation(entry: TimelineEntryDto): boolean {
  return COMPENSATION_STEPS.has(entry.step);
}

/**
 * State of the operator's order detail: the order with its saga timeline and payment record, and the log lines
 * of one correlation id (the order's own at first; any timeline entry's on request), oldest first.
 */
@Injectable()
export class OrderDetailState {
  private readonly api = inject(OrderDetailApi);

  readonly detail = signal<AdminOrderDetail | undefined>(undefined);
  readonly error = signal<string | undefined>(undefined);
  readonly correlationId = signal<string | undefined>(undefined);
  readonly logs = signal<readonly LogEntry[] | undefined>(undefined);
  readonly logsError = signal<string | undefined>(undefined);
  /** More lines exist than were loaded. */
  readonly logsTruncated = signal(false);

  readonly compensations = computed(() => this.detail()?.order.timeline.filter(isCompensation) ?? []);
  /** Every correlation id the timeline names, the order's first. */
  readonly correlationIds = computed(() => {
    const order = this.detail()?.order;
    if (!order) return [];
    return [...new Set([order.correlationId, ...order.timeline.map((t) => t.correlationId)])];
  });
  /** The instances that wrote the log lines shown. */
  readonly logInstances = computed(() => [...new Set((this.logs() ?? []).map((l) => l.instanceId))].sort());

  private requested = 0;
  private loadedId: string | undefined;

  /** Loads the order (again); another order starts over with its own correlation id's lines. */
  load(id: string): void {
    if (id !== this.loadedId) {
      this.loadedId = id;
      this.detail.set(undefined);
      this.correlationId.set(undefined);
      this.logs.set(undefined);
    }
    this.error.set(undefined);
    this.api.order(id).subscribe({
      next: (detail) => {
        this.detail.set(detail);
        if (!this.correlationId()) this.showLogs(detail.order.correlationId);
      },
      error: (err: unknown) => this.error.set(toProblem(err).message),
    });
  }

  /** Loads the log lines of `correlationId`; an answer to an older request is dropped. */
  showLogs(correlationId: string): void {
    const request = ++this.requested;
    this.correlationId.set(correlationId);
    this.logs.set(undefined);
    this.logsError.set(undefined);
    this.api.logs(correlationId).subscribe({
      next: (page) => {
        if (request !== this.requested) return;
        this.logs.set([...page.entries].reverse());
        this.logsTruncated.set(page.entries.length >= ORDER_LOG_LIMIT);
      },
      error: (err: unknown) => {
        if (request === this.requested) this.logsError.set(toProblem(err).message);
      },
    });
  }
}
