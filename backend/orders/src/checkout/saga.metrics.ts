import { Injectable } from '@nestjs/common';
import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { Counter } from 'prom-client';
import { InstanceMetrics } from '@shop/messaging';
import { CheckoutFinishedEvent } from './events';

/** Counts the checkout sagas this instance finished, by outcome and failure reason (the order's failure code). */
@Injectable()
@EventsHandler(CheckoutFinishedEvent)
export class SagaOutcomeMetrics implements IEventHandler<CheckoutFinishedEvent> {
  private readonly outcomes: Counter<'outcome' | 'reason'>;

  constructor(metrics: InstanceMetrics) {
    this.outcomes = metrics.counter({
      name: 'shop_saga_outcomes_total',
      help: 'Checkout sagas finished by this instance, by outcome and reason (failure code; none when confirmed)',
      labelNames: ['outcome', 'reason'],
    });
  }

  handle(event: CheckoutFinishedEvent): void {
    const reason =
      event.outcome === 'confirmed' ? 'none' : (event.order?.failureCode ?? 'unknown').toLowerCase();
    this.outcomes.inc({ outcome: event.outcome, reason });
  }
}
